export const TEMPLATE_DB = 'boxoffice_test_template';
export const TEST_DB_PREFIX = 'boxoffice_test_';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
