/** Name of the migrated database that test databases are copied from (CREATE DATABASE … TEMPLATE). */
export const PG_TEMPLATE = 'switchboard_template';
