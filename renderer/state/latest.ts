/**
 * Refreshes can overlap (a burst of `stagesChanged` events); only the answer to the newest request may land.
 * `begin()` returns a ticket; `isCurrent(ticket)` is false once a newer request began.
 */
export function latestOnly(): { begin(): number; isCurrent(ticket: number): boolean } {
  let newest = 0;
  return {
    begin: () => ++newest,
    isCurrent: (ticket) => ticket === newest,
  };
}
