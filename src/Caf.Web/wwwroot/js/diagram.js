// Draws the Mermaid diagrams of the page. Kept in a file: the Content-Security-Policy allows no inline script.
// The library (3.5 MB) is fetched only here, on the page whose purpose is the diagram; the source stays hidden until drawn.
(function () {
    var me = document.currentScript;
    var library = document.createElement('script');
    library.src = me.getAttribute('data-library');
    library.onload = function () {
        document.querySelectorAll('pre.mermaid[hidden]').forEach(function (pre) { pre.hidden = false; });
        // Drawn at its own size, never shrunk to the column: its words stay readable (16 px), and the figure scrolls instead.
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', fontSize: 16, state: { useMaxWidth: false }, flowchart: { useMaxWidth: false } });
        mermaid.run();
    };
    document.head.appendChild(library);
})();
