#!/usr/bin/env python3
"""The lab's internet web server: HTTP on :80 and :443 of every address netsim-inet holds
(203.0.113.0/24, 198.51.100.0/24, local routes), as netsim's internet listens on 80 and 443.
Answers every GET with a short page naming the address asked (plain HTTP on both: a TLS client
fails its handshake on 443). Runs only inside the netsim-inet namespace; started and stopped
by lab.sh."""

import http.server
import socketserver


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "netsim-lab-internet"
    sys_version = ""

    def do_GET(self) -> None:
        body = f"netsim-lab internet: {self.connection.getsockname()[0]}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    import threading

    threading.Thread(target=Server(("0.0.0.0", 443), Handler).serve_forever, daemon=True).start()
    Server(("0.0.0.0", 80), Handler).serve_forever()
