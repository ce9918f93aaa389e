from pg_cluster import pg_cluster, team_db  # noqa: F401  (fixtures for the team-project tests)

import pytest


@pytest.fixture
def team(pg_cluster, team_db):
    from team_setup import make_team

    return make_team(pg_cluster, team_db)
