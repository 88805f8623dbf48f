"""A case's life: filing, routing, deadlines, actions, resolution, its stream and views."""
