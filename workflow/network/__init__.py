"""The network's own set-up: its profile and legal pages, the directory of people and organisations, roles with
terms, working-group memberships, bulk imports, and the record of every change to them."""
