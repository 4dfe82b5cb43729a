// Draws the Mermaid diagrams of the page. Kept in a file: the Content-Security-Policy allows no inline script.
// The library (3.5 MB) is fetched only here, on the page whose purpose is the diagram; the source stays hidden until drawn.
(function () {
    var me = document.currentScript;
    var library = document.createElement('script');
    library.src = me.getAttribute('data-library');
    library.onload = function () {
        document.querySelectorAll('pre.mermaid[hidden]').forEach(function (pre) { pre.hidden = false; });
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        mermaid.run();
    };
    document.head.appendChild(library);
})();
