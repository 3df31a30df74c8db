"""The web process: daphne, with one WebSocket option daphne does not expose.

    python -m server.serve -b 0.0.0.0 -p 8000 server.asgi:application

takes daphne's own arguments. The difference: a frame that breaks the protocol (invalid
UTF-8 in a text frame, a bad opcode, an unmasked frame) is answered with a close frame
that says why (1007, 1002) before the TCP connection is closed, as RFC 6455 section 7.1.7
asks, instead of autobahn's default of dropping the connection with no close frame
(``failByDrop``). A client then knows it was its frame, not the network.
"""

from __future__ import annotations

from typing import Any

from daphne.cli import CommandLineInterface
from daphne.server import Server


class CirclesServer(Server):
    """daphne's server with autobahn's ``failByDrop`` off."""

    def run(self) -> Any:
        ready: Any = getattr(self, "ready_callable", None)  # daphne's, untyped

        def configure_then_ready() -> None:
            # The factory exists by now (``run`` builds it before listening); each new
            # connection copies its options.
            self.ws_factory.setProtocolOptions(failByDrop=False)
            if ready is not None:
                ready()

        self.ready_callable = configure_then_ready
        return super().run()


class CirclesCommandLine(CommandLineInterface):
    server_class = CirclesServer


def main() -> None:
    CirclesCommandLine.entrypoint()


if __name__ == "__main__":
    main()
