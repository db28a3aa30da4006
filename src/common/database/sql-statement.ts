/** One parameterised SQL statement: `$1`, `$2`, … in `sql` are `parameters[0]`, `[1]`, … */
export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}
