// What Next.js hands a page: its dynamic segments and its query, each as a promise (App Router, Next 15 and on).
// Every value is a string the client chose: pages check them before use.
export type PageProps<Params extends Record<string, string>, Search extends Record<string, string | undefined>> = {
  params: Promise<Params>;
  searchParams: Promise<Search>;
};
