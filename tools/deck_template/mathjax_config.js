// MathJax 2 (lib/mathjax): the slides typeset once reveal.js has laid them out (deck.js).
MathJax.Hub.Config({
  skipStartupTypeset: true,
  TeX: { equationNumbers: { autoNumber: "AMS", useLabelIds: true } },
  tex2jax: {
    inlineMath: [["$", "$"], ["\\(", "\\)"]],
    displayMath: [["$$", "$$"], ["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  displayAlign: "center",
  messageStyle: "none",
  // No automatic line breaks: in a table they break formulas at every cell edge. A formula
  // wider than the frame shrinks with its slide (deck.js).
  CommonHTML: { linebreaks: { automatic: false } },
});
