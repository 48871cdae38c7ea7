// common/draw runs in the browser too (independent verification of a draw) and uses String.prototype.isWellFormed
// (ES2024: Chrome 111, Firefox 119, Safari 16.4); web/tsconfig.json's lib stops at ES2023.
interface String {
  isWellFormed(): boolean;
}
