// The export's CSV fields: the one implementation, shared with the wallet's statement, is lib/csv/csv-fields.ts.
import "server-only";

export { csvField, csvRow } from "../../csv/csv-fields";
