// A stream's type as the libraries that name streams `category-id` read it back (Message DB's
// `category()`, Eventuous' `StreamName.For<T>(id)`): the part before the first '-', none without one.

/** SQL: the category of the text `column`, or NULL when it has no '-'. */
export function categoryOf(column: string): string {
  return `CASE WHEN strpos(${column}, '-') > 1 THEN split_part(${column}, '-', 1) END`
}
