/** Prisma's migrations table on SQLite (`CREATE TABLE IF NOT EXISTS`). */
export declare const sqliteMigrationsTableSql: string;
