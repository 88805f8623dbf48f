"""Tests of the CAP feeds read from outside."""
