const count = new Intl.NumberFormat('en');

/** The one way progress reads, wherever long work reports it: "2,000 / 13,324 rows read". */
export function progressText(done: number, total: number, what: string): string {
  return `${count.format(done)} / ${count.format(total)} ${what}`;
}
