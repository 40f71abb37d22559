// While an endpoint's deliveries load: the same quiet placeholder as the endpoint list's.
export { default } from "../loading";
