// Draws the Mermaid diagrams of the page. Kept in a file: the Content-Security-Policy allows no inline script.
mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' });
