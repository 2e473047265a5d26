/* The query page: YASGUI on this server's SPARQL endpoint, with the catalogue's named queries as examples.
   Nothing is loaded from elsewhere: the autocompleters that ask Linked Open Vocabularies are left out, and
   IRIs of the graph (under the base IRI) found in results open on this server. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("unkg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "unkg_" + window.location.host,
    yasqe: { autocompleters: ["variables", "prefixes"], prefixCcApi: null },
  });
  // a tab restored from an earlier visit keeps asking this server
  yasgui.getTab().setEndpoint(endpoint);

  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-example");
      var tab = yasgui.getTab();
      if (tab.getQuery().trim() !== "" && tab.getName() !== name) {
        tab = yasgui.addTab(true, { name: name });
      }
      tab.setName(name);
      tab.setEndpoint(endpoint);
      tab.setQuery(config.examples[name]);
      tab.getYasqe().focus();
    });
  });

  document.getElementById("yasgui").addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (link && link.href.indexOf(config.base) === 0 && link.href.length > config.base.length) {
      event.preventDefault();
      window.location.href = "/" + link.href.slice(config.base.length);
    }
  }, true);
})();
