// The precept decks: start reveal.js on a 1280x720 frame, typeset the maths once the slides are
// laid out, then make sure every slide fits its frame. tools/make_slides.py already splits long
// content over several slides; a slide that still runs past the frame (another machine's fonts)
// has its type shrunk in steps of 5%, never below 70%. When all this is done the <html> element
// gets data-deck-ready="true" (what tests/test_slides.py waits for).
(function () {
  "use strict";
  var MIN_SCALE = 0.7;
  var STEP = 0.05;

  function leafSlides() {
    return Array.prototype.filter.call(
      document.querySelectorAll(".reveal .slides section"),
      function (section) { return !section.querySelector("section"); }
    );
  }

  function overflows(section, config) {
    return section.scrollHeight > config.height || section.scrollWidth > config.width;
  }

  function fit(section, config) {
    var scale = 1;
    section.style.setProperty("--deck-scale", "1");
    while (overflows(section, config) && scale > MIN_SCALE + 1e-6) {
      scale = Math.round((scale - STEP) * 100) / 100;
      section.style.setProperty("--deck-scale", String(scale));
    }
    section.setAttribute("data-deck-scale", String(scale));
  }

  function imagesDecoded() {
    var images = Array.prototype.slice.call(document.querySelectorAll(".reveal .slides img"));
    return Promise.all(images.map(function (image) {
      return image.decode ? image.decode().catch(function () {}) : Promise.resolve();
    }));
  }

  function fitAll() {
    imagesDecoded().then(function () {
      var config = Reveal.getConfig();
      leafSlides().forEach(function (section) { fit(section, config); });
      Reveal.layout();
      document.documentElement.setAttribute("data-deck-ready", "true");
    });
  }

  Reveal.initialize({
    width: 1280,
    height: 720,
    margin: 0.04,
    center: false,
    controls: true,
    progress: true,
    hash: true,
    slideNumber: "c/t",
    transition: "slide",
    // Keep every slide laid out, so that maths is typeset and measured on all of them.
    viewDistance: 1000,
    mobileViewDistance: 1000,
    plugins: [RevealNotes],
  }).then(function () {
    if (window.MathJax && MathJax.Hub) {
      MathJax.Hub.Queue(["Typeset", MathJax.Hub], fitAll);
    } else {
      document.documentElement.setAttribute("data-deck-mathjax", "missing");
      fitAll();
    }
  });
})();
