"""``kg serve``: a read-only SPARQL 1.1 endpoint over kg graphs, with a query page.

>>> from kg.serve import create_server
>>> server = create_server(["kg-graph.ttl"], port=0).start()   # doctest: +SKIP
>>> server.endpoint                                              # doctest: +SKIP
'http://127.0.0.1:40123/sparql'
>>> server.close()                                               # doctest: +SKIP

:mod:`kg.serve.app` holds the HTTP side (routes, protocol, service description),
:mod:`kg.serve.pool` and :mod:`kg.serve.worker` the query processes and the time
limit, :mod:`kg.serve.formats` content negotiation and the result formats,
:mod:`kg.serve.sparql` what is refused, :mod:`kg.serve.pages` the HTML.
"""

from kg.serve.app import DEFAULTS, App, KgServer, Request, Response, create_server

__all__ = ["DEFAULTS", "App", "KgServer", "Request", "Response", "create_server"]
