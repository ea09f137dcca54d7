"""The SQL files, installed as the package `warehouse.sql` (pyproject.toml maps it to this folder).

This file makes the folder a regular package so that an editable install finds it by name too;
warehouse/sqlfiles.py reads the files through importlib.resources.
"""
