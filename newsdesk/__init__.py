"""Newsdesk: news articles into a DuckDB warehouse of who is mentioned, who said what, about whom."""
