"""Team projects on PostgreSQL: login roles, group roles, grants and row-level security.

The database is the guard. A team project's tables belong to ``<db>_owner``, a
role nobody logs in as. Every coder logs in with a role of their own
(``<db>_<name>``), which is a member of exactly one group role:
``<db>_role_coder``, ``<db>_role_adjudicator`` or ``<db>_role_lead``. Grants
say which tables a group may touch, row-level security policies which rows:

- codings, document statuses, suggestion decisions and memos: a coder writes
  only rows whose coder is the coder of ``current_user`` (``coders.login``);
  adjudicators also the consensus coders' rows; leads every row;
- the codebook, documents (with their attributes, originals, excluded spans
  and NLP results), coders, the glossary and the project settings: leads only;
- the audit log: INSERT only, as yourself, for everyone (and a trigger from
  migration 0003_team refuses UPDATE/DELETE/TRUNCATE even to the owner);
- in the blind phase (``project_info`` row ``team_blind`` = ``on``) a coder
  cannot even SELECT other coders' codings; adjudicators and leads still can.

Managing logins needs CREATEROLE, which a lead's login does not have: the
owner role has it, and SECURITY DEFINER functions executable only by leads
create a login, set its group or its password — for logins of this project only.

Everything here runs on a SQLAlchemy ``Connection`` inside the caller's
transaction (role DDL is transactional in PostgreSQL). No Qt, no project logic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from sqlalchemy import Connection, text

__all__ = [
    "ROLES",
    "BLIND_KEY",
    "TEAM_KEY",
    "TeamNames",
    "enable_team",
    "is_team",
    "role_of",
    "create_login",
    "set_login_role",
    "set_login_password",
    "login_exists",
]

ROLES = ("coder", "adjudicator", "lead")
TEAM_KEY = "team"
BLIND_KEY = "team_blind"
MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1

# Tables whose rows belong to one coder: (table, column naming the coder).
OWNED_ROWS = {
    "codings": "coder_id",
    "document_status": "coder_id",
    "suggestion_decisions": "coder_id",
    "memos": "author_id",
}
_NOUNS = {
    "codings": "codings",
    "document_status": "document statuses",
    "suggestion_decisions": "suggestion decisions",
    "memos": "memos",
}
# Tables everyone reads and only leads write (document-level data, the codebook, the team).
LEAD_TABLES = (
    "project_info",
    "documents",
    "document_attributes",
    "document_originals",
    "excluded_spans",
    "codes",
    "code_patterns",
    "coders",
    "glossary",
    "nlp_runs",
    "sentences",
    "quotes",
    "entities",
)


class TeamNames:
    """The role names of one database; all start with a prefix made from the database name."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.prefix = _prefix(database)
        self.owner = f"{self.prefix}_owner"

    def group(self, role: str) -> str:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        return f"{self.prefix}_role_{role}"

    @property
    def groups(self) -> list[str]:
        return [self.group(r) for r in ROLES]

    def login_base(self, coder_name: str) -> str:
        """A login name for a coder: the prefix and the name folded to [a-z0-9_]."""
        folded = unicodedata.normalize("NFKD", coder_name).encode("ascii", "ignore").decode().lower()
        slug = re.sub(r"[^a-z0-9]+", "_", folded).strip("_") or "coder"
        if slug.startswith("role_") or slug == "owner":
            slug = f"u_{slug}"  # never the name of this project's owner or group roles
        return f"{self.prefix}_{slug}"[:MAX_IDENTIFIER - 3]


def _prefix(database: str) -> str:
    folded = re.sub(r"[^a-z0-9_]+", "_", database.lower()).strip("_") or "db"
    if len(folded) > 24 or folded != database:
        # Long or unusual database names: a readable head plus a hash keeps prefixes distinct.
        digest = hashlib.sha1(database.encode()).hexdigest()[:6]
        folded = f"{folded[:17]}_{digest}"
    return folded


def _ident(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def role_exists(conn: Connection, name: str) -> bool:
    return conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}) is not None


login_exists = role_exists


def is_team(conn: Connection) -> bool:
    return conn.scalar(text("SELECT value FROM project_info WHERE key = :k"), {"k": TEAM_KEY}) == "on"


def role_of(conn: Connection, names: TeamNames, login: str) -> str | None:
    """The team role (coder/adjudicator/lead) a login has, by its group membership."""
    rows = conn.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
            "JOIN pg_roles u ON u.oid = am.member WHERE u.rolname = :login"
        ),
        {"login": login},
    ).scalars()
    groups = set(rows)
    for role in reversed(ROLES):  # the highest role wins if someone granted two
        if names.group(role) in groups:
            return role
    return None


# --- making a project a team project (run by a user allowed to create roles) ---


def enable_team(conn: Connection) -> TeamNames:
    """Create the owner and group roles, hand the tables over, grant, and switch on RLS."""
    database = conn.scalar(text("SELECT current_database()"))
    schema = conn.scalar(text("SELECT current_schema()"))
    names = TeamNames(database)
    q = lambda n: _ident(conn, n)  # noqa: E731
    owner, db, sch = q(names.owner), q(database), q(schema)

    if not role_exists(conn, names.owner):
        conn.execute(text(f"CREATE ROLE {owner} NOLOGIN CREATEROLE"))
    conn.execute(text(f"GRANT {owner} TO CURRENT_USER"))
    for group in names.groups:
        if not role_exists(conn, group):
            conn.execute(text(f"CREATE ROLE {q(group)} NOLOGIN"))
        conn.execute(text(f"GRANT {q(group)} TO {owner} WITH ADMIN OPTION"))
    everyone = ", ".join(q(g) for g in names.groups)
    lead = q(names.group("lead"))

    # Only this project's team (and its owner) may connect; nobody else may create objects here.
    conn.execute(text(f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {db} TO {everyone}, {owner}"))
    conn.execute(text(f"REVOKE CREATE ON SCHEMA {sch} FROM PUBLIC"))
    conn.execute(text(f"GRANT USAGE, CREATE ON SCHEMA {sch} TO {owner}"))  # a new owner needs CREATE
    conn.execute(text(f"GRANT USAGE ON SCHEMA {sch} TO {everyone}"))

    tables = list(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema}).scalars())
    for table in tables:
        conn.execute(text(f"ALTER TABLE {sch}.{q(table)} OWNER TO {owner}"))
        conn.execute(text(f"REVOKE ALL ON {sch}.{q(table)} FROM PUBLIC"))
        conn.execute(text(f"GRANT SELECT ON {sch}.{q(table)} TO {everyone}"))
    for fn in conn.execute(text(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = :s AND p.proname LIKE 'qc\\_%'"), {"s": schema}).scalars():
        conn.execute(text(f"ALTER FUNCTION {fn} OWNER TO {owner}"))
    # Sequences behind serial keys belong to their tables and moved with them.
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {everyone}"))

    for table in LEAD_TABLES:
        if table in tables:
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {sch}.{q(table)} TO {lead}"))
    for table in OWNED_ROWS:
        conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {sch}.{q(table)} TO {everyone}"))
    conn.execute(text(f"GRANT INSERT ON {sch}.audit_log TO {everyone}"))

    _create_functions(conn, names, schema)
    _create_policies(conn, schema)

    for key, value in ((TEAM_KEY, "on"), (BLIND_KEY, "off")):
        conn.execute(text(
            f"INSERT INTO {sch}.project_info (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"), {"k": key, "v": value})
    return names


def _create_functions(conn: Connection, names: TeamNames, schema: str) -> None:
    sch, owner = _ident(conn, schema), _ident(conn, names.owner)
    lead = _ident(conn, names.group("lead"))
    # Helpers the policies call: plain SQL, STABLE, with schema-qualified names bound at
    # creation (BEGIN ATOMIC), so a temporary table of the same name cannot stand in.
    helpers = {
        "qc_team_coder_id()": (
            "integer", f"SELECT c.id FROM {sch}.coders c WHERE c.login = CURRENT_USER"),
        "qc_team_has(team_role text)": (
            "boolean",
            "SELECT pg_has_role(CURRENT_USER, "
            f"CASE team_role WHEN 'lead' THEN {_lit(names.group('lead'))} "
            f"WHEN 'adjudicator' THEN {_lit(names.group('adjudicator'))} "
            f"ELSE {_lit(names.group('coder'))} END, 'MEMBER')"),
        "qc_team_blind()": (
            "boolean",
            f"SELECT coalesce((SELECT i.value = 'on' FROM {sch}.project_info i WHERE i.key = {_lit(BLIND_KEY)}), false)"),
        "qc_team_may_write(coder integer)": (
            "boolean",
            f"SELECT coalesce(coder = {sch}.qc_team_coder_id(), false) OR {sch}.qc_team_has('lead') "
            f"OR ({sch}.qc_team_has('adjudicator') AND EXISTS ("
            f"SELECT 1 FROM {sch}.coders c WHERE c.id = coder AND c.consensus))"),
    }
    for signature, (returns, body) in helpers.items():
        conn.execute(text(
            f"CREATE OR REPLACE FUNCTION {sch}.{signature} RETURNS {returns} LANGUAGE sql STABLE "
            f"BEGIN ATOMIC {body}; END"))
        conn.execute(text(f"ALTER FUNCTION {sch}.{signature} OWNER TO {owner}"))

    # Managing logins: run as the owner (which may create roles), only by leads, only for
    # logins carrying this project's prefix; every statement quotes with format(%I, %L).
    def prefix_check(var: str) -> str:
        return (
            f"IF {var} !~ {_lit('^' + re.escape(names.prefix) + '_[a-z0-9_]+$')} "
            f"OR {var} IN ({_lit(names.owner)}, {', '.join(_lit(g) for g in names.groups)}) THEN "
            f"RAISE EXCEPTION 'login % is not a login of this project', {var} "
            "USING ERRCODE = 'insufficient_privilege'; END IF;"
        )

    linked_check = (
        f"IF NOT EXISTS (SELECT 1 FROM {sch}.coders c WHERE c.login = login_name) THEN "
        "RAISE EXCEPTION 'login % belongs to no coder of this project', login_name "
        "USING ERRCODE = 'insufficient_privilege'; END IF;"
    )
    role_check = (
        "IF team_role NOT IN ('coder', 'adjudicator', 'lead') THEN "
        "RAISE EXCEPTION 'unknown role %', team_role USING ERRCODE = 'invalid_parameter_value'; END IF;"
    )
    group_of = (
        f"CASE team_role WHEN 'lead' THEN {_lit(names.group('lead'))} "
        f"WHEN 'adjudicator' THEN {_lit(names.group('adjudicator'))} ELSE {_lit(names.group('coder'))} END"
    )
    groups = ", ".join(_ident(conn, g) for g in names.groups)
    managers = {
        "qc_team_create_login(login_name text, team_role text, secret text)": (
            f"{prefix_check('login_name')} {role_check} "
            "IF secret IS NULL THEN EXECUTE format('CREATE ROLE %I LOGIN', login_name); "
            "ELSE EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login_name, secret); END IF; "
            f"EXECUTE format('GRANT %I TO %I', {group_of}, login_name);"
        ),
        "qc_team_set_role(login_name text, team_role text)": (
            f"{prefix_check('login_name')} {linked_check} {role_check} "
            f"EXECUTE format('REVOKE {groups} FROM %I', login_name); "
            f"EXECUTE format('GRANT %I TO %I', {group_of}, login_name);"
        ),
        "qc_team_set_password(login_name text, secret text)": (
            f"{prefix_check('login_name')} {linked_check} "
            "EXECUTE format('ALTER ROLE %I PASSWORD %L', login_name, secret);"
        ),
    }
    guard = (
        "DECLARE coder integer := (to_jsonb(OLD) ->> TG_ARGV[0])::integer; BEGIN "
        f"IF NOT {sch}.qc_team_may_write(coder) THEN "
        "RAISE EXCEPTION 'you may change only your own %', TG_ARGV[1] "
        "USING ERRCODE = 'insufficient_privilege', "
        "HINT = 'adjudicators may also change the consensus coder''s; leads may change everyone''s'; "
        "END IF; RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END; END"
    )
    conn.execute(text(
        f"CREATE OR REPLACE FUNCTION {sch}.qc_team_guard_row() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = pg_catalog, pg_temp AS $fn$ {guard} $fn$"))
    conn.execute(text(f"ALTER FUNCTION {sch}.qc_team_guard_row() OWNER TO {owner}"))

    for signature, body in managers.items():
        conn.execute(text(
            f"CREATE OR REPLACE FUNCTION {sch}.{signature} RETURNS void LANGUAGE plpgsql "
            f"SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$ BEGIN {body} END $fn$"))
        conn.execute(text(f"ALTER FUNCTION {sch}.{signature} OWNER TO {owner}"))
        conn.execute(text(f"REVOKE ALL ON FUNCTION {sch}.{signature} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {sch}.{signature} TO {lead}"))


def _create_policies(conn: Connection, schema: str) -> None:
    sch = _ident(conn, schema)
    me = f"(SELECT {sch}.qc_team_coder_id())"
    lead = f"(SELECT {sch}.qc_team_has('lead'))"
    adjudicator = f"(SELECT {sch}.qc_team_has('adjudicator'))"
    blind = f"(SELECT {sch}.qc_team_blind())"

    def policy(table: str, name: str, command: str, using: str | None, check: str | None) -> None:
        conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {sch}.{table}"))
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        conn.execute(text(f"CREATE POLICY {name} ON {sch}.{table} FOR {command} TO PUBLIC{clauses}"))

    for table, column in OWNED_ROWS.items():
        conn.execute(text(f"ALTER TABLE {sch}.{table} ENABLE ROW LEVEL SECURITY"))
        may = f"{sch}.qc_team_may_write({column})"
        if table == "codings":
            seen = f"NOT {blind} OR {lead} OR {adjudicator} OR coder_id = {me}"
        else:
            seen = "true"
        policy(table, "team_read", "SELECT", seen, None)
        policy(table, "team_insert", "INSERT", None, may)
        # UPDATE and DELETE reach every row the login can see, and the guard trigger below
        # refuses the statement for a row that is not the login's to change: an error the
        # app can report, where a narrower USING clause would silently change nothing.
        policy(table, "team_update", "UPDATE", seen, may)
        policy(table, "team_delete", "DELETE", seen, None)
        conn.execute(text(f"DROP TRIGGER IF EXISTS team_owned_rows ON {sch}.{table}"))
        conn.execute(text(
            f"CREATE TRIGGER team_owned_rows BEFORE UPDATE OR DELETE ON {sch}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {sch}.qc_team_guard_row({_lit(column)}, {_lit(_NOUNS[table])})"))

    conn.execute(text(f"ALTER TABLE {sch}.audit_log ENABLE ROW LEVEL SECURITY"))
    policy("audit_log", "team_read", "SELECT", "true", None)
    policy("audit_log", "team_insert", "INSERT", None, f"coder_id IS NOT DISTINCT FROM {me}")


# --- managing logins (as a lead, or as the user who ran enable_team) ---


def create_login(conn: Connection, login: str, role: str, password: str | None) -> None:
    conn.execute(text("SELECT qc_team_create_login(:l, :r, :p)"), {"l": login, "r": role, "p": password})


def set_login_role(conn: Connection, login: str, role: str) -> None:
    conn.execute(text("SELECT qc_team_set_role(:l, :r)"), {"l": login, "r": role})


def set_login_password(conn: Connection, login: str, password: str) -> None:
    conn.execute(text("SELECT qc_team_set_password(:l, :p)"), {"l": login, "p": password})
