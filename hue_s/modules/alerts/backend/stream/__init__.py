"""The live stream of alert events: the hub, the events, PostgreSQL's notifications."""
