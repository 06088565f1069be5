/** Vite's `?inline` CSS import: the processed stylesheet as a string (not injected into the page). */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
