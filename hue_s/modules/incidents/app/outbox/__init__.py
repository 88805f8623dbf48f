"""Reports waiting on the device: the queue and the outbox handler that sends them."""
