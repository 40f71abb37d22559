// The page's formatters for the explorer's components that render on either side: next-intl's useLocale() works
// in server components that are not async as well as in client ones, whereas useFormat() lives in a client module
// (which a server component cannot call). Both end in the same formatOf(), so the two sides agree.
import { useLocale } from "next-intl";
import { formatOf, type Format } from "../../_components/i18n/format-of";
import { defaultLocale, isAppLocale } from "@/lib/i18n/locales";

export function usePageFormat(): Format {
  const locale = useLocale();
  return formatOf(isAppLocale(locale) ? locale : defaultLocale);
}
