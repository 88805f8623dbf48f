"""Tests of a case's life: filing, assisted filing, routing, the city tier, actions, its stream."""
