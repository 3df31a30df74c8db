"""The events clients receive: ``types`` (the catalogue), ``audiences`` (who hears them) and
``transport`` (the one way they are sent: after commit, on the channel layer)."""
