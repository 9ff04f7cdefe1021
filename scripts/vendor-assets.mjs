// Copy the browser assets that npm installed into the static tree the app serves (WhiteNoise):
// htmx, ECharts, and the Noto Sans SC web font (regular and bold, WOFF2, split by unicode-range
// so a browser fetches only the subsets a page uses). Nothing is ever loaded from a CDN.
import fs from "node:fs";
import path from "node:path";

const vendor = "jixiao/web/static/vendor";
const fonts = path.join(vendor, "fonts");
fs.mkdirSync(fonts, { recursive: true });
fs.copyFileSync("node_modules/htmx.org/dist/htmx.min.js", path.join(vendor, "htmx.min.js"));
fs.copyFileSync("node_modules/echarts/dist/echarts.min.js", path.join(vendor, "echarts.min.js"));

const source = "node_modules/@fontsource/noto-sans-sc";
let css = "/* Noto Sans SC (SIL Open Font License 1.1), from @fontsource/noto-sans-sc */\n";
let copied = 0;
for (const weight of ["400", "700"]) {
  const rules = fs.readFileSync(path.join(source, `${weight}.css`), "utf8");
  // Keep the WOFF2 source only (every browser in use supports it) and point it at our folder.
  css += rules.replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/g, (_, file) => {
    fs.copyFileSync(path.join(source, "files", file), path.join(fonts, file));
    copied += 1;
    return `src: url(./${file}) format('woff2');`;
  });
}
fs.writeFileSync(path.join(fonts, "noto-sans-sc.css"), css);
console.log(`vendor: htmx, echarts and ${copied} font files in ${vendor}`);
