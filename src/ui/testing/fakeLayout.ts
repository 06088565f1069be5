/**
 * jsdom lays nothing out: gives every element a box (`height` × `width`) and the rows of a timeline
 * window (elements with the class `rowClass`) `rowHeight`, so the window has something to measure.
 */
export function fakeLayout(rowClass: string, height = 600, width = 400, rowHeight = 40): void {
  const heightOf = (element: HTMLElement) => (element.classList.contains(rowClass) ? rowHeight : height);
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get(this: HTMLElement) { return heightOf(this); } });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get(this: HTMLElement) { return heightOf(this); } });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    const h = heightOf(this);
    return { x: 0, y: 0, top: 0, left: 0, bottom: h, right: width, width, height: h, toJSON: () => ({}) };
  };
}
