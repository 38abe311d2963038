/// The preview's own files, served under `/_galley/` and added to served
/// pages only: the EPUB never holds them.
enum PreviewAssets {
    /// Listens for builds (server-sent events) and reloads the page when the
    /// build it shows is not the newest, keeping the scroll position.
    static let liveScript = """
        (function () {
          "use strict";
          var root = document.getElementById("galley-preview");
          var shown = root ? root.getAttribute("data-generation") : "";
          var key = "galley-scroll:" + location.pathname;
          var saved = sessionStorage.getItem(key);
          if (saved !== null) {
            sessionStorage.removeItem(key);
            window.scrollTo(0, parseFloat(saved));
          }
          var source = new EventSource("/_galley/events");
          source.onmessage = function (event) {
            if (event.data !== shown) {
              source.close();
              sessionStorage.setItem(key, String(window.scrollY));
              location.reload();
            }
          };
        })();

        """

    /// The sidebar at the left, the banner above the page; horizontal even in a vertical book.
    static let stylesheet = """
        #galley-preview { writing-mode: horizontal-tb; }
        #galley-sidebar {
          position: fixed; top: 0; left: 0; bottom: 0; width: 17em; overflow: auto;
          box-sizing: border-box; padding: 1em; margin: 0;
          border-right: 1px solid #ccc; background: #f7f7f5; font-size: 0.85em; line-height: 1.5;
        }
        #galley-sidebar ol { list-style: none; padding-left: 1em; margin: 0; }
        #galley-sidebar > ol { padding-left: 0; }
        #galley-sidebar a { text-decoration: none; }
        body { margin-left: 19em !important; }
        #galley-diagnostics {
          border: 1px solid #d9a440; background: #fff6e0; padding: 0.5em 1em; margin: 0 0 1em 0;
          font-size: 0.85em; font-family: monospace; text-indent: 0;
        }
        #galley-diagnostics ul { margin: 0; padding-left: 1.5em; }
        #galley-diagnostics .error { color: #a40000; }

        """
}
