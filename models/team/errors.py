"""Expected failures of team sync, each a plain Japanese sentence (``models.store.errors.KakeruError``)."""

from __future__ import annotations

from models.store.errors import KakeruError


class TeamError(KakeruError):
    """The team's server cannot be used as it is."""


class ServerTooNew(TeamError):
    """The server's schema was made by a newer Kakeru than this one: nothing is read or written."""

    def __init__(self, server_version: int, app_version: int):
        self.server_version = server_version
        self.app_version = app_version
        super().__init__(
            "チームのサーバーは新しいバージョンの Kakeru で設定されています"
            f"（サーバーの版 {server_version}、このアプリの対応版 {app_version}）。"
            "Kakeru を最新版に更新してから、もう一度同期してください。"
            "サーバーとこのパソコンのデータは変更していません。"
        )


class ServerUnreachable(TeamError):
    """No connection to the server could be made (wrong host or port, no network, server stopped)."""

    def __init__(self, where: str):
        self.where = where
        super().__init__(
            f"チームのサーバー（{where}）に接続できません。ネットワークとサーバーのアドレスを確認して、"
            "しばらくしてからもう一度お試しください。このパソコンのデータは変更していません。"
        )


class LoginRefused(TeamError):
    """The server refused the login name or the password."""

    def __init__(self, login: str):
        self.login = login
        super().__init__(
            f"ログイン名「{login}」またはパスワードが正しくないため、チームのサーバーにログインできませんでした。"
            "ログイン名とパスワードを確認してください。"
        )


class PasswordMissing(TeamError):
    """No password was given and the keychain holds none for this login and server."""

    def __init__(self, login: str, where: str):
        self.login = login
        super().__init__(
            f"ログイン名「{login}」で {where} に接続するためのパスワードが保存されていません。"
            "パスワードを入力してください。"
        )


class CertificateNotTrusted(TeamError):
    """TLS: the server's certificate could not be verified, so no password was sent."""

    def __init__(self, where: str):
        self.where = where
        super().__init__(
            f"チームのサーバー（{where}）と暗号化された接続（TLS）を確立できず、サーバーの証明書を確認できないため、"
            "接続を中止しました。パスワードは送っていません。"
            "サーバーの管理者に、TLS と信頼できる証明書の設定、"
            "このパソコンへのルート証明書の登録を依頼してください。"
        )


class NotAMember(TeamError):
    """The login exists but is not a member of this team (its database)."""

    def __init__(self, login: str):
        self.login = login
        super().__init__(
            f"ログイン名「{login}」はこのチームのメンバーではありません。"
            "チームのマネージャーにメンバーとして追加してもらってください。"
        )


class NotAllowed(TeamError):
    """The server refused an act the login's role may not do (a caller assigning lists, …)."""

    def __init__(self, act: str):
        self.act = act
        super().__init__(f"{act}はマネージャーだけが行えます。サーバーが操作を拒否したため、何も変更していません。")


class AdminRequired(TeamError):
    """``team init`` or ``add-caller`` was run by a role that may not create roles or schemas."""

    def __init__(self, login: str):
        self.login = login
        super().__init__(
            f"ログイン名「{login}」には、チームの設定（スキーマとロールの作成）に必要な権限がありません。"
            "データベースの所有者で、ロールを作成できるログイン（CREATEROLE）で実行してください。"
        )


class MemberExists(TeamError):
    """A member of that login or display name is already on the team."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"「{name}」はすでにこのチームのメンバーです。別の名前かログイン名を指定してください。")


class LoginTaken(TeamError):
    """The login role already exists on the server (roles are shared by every database of a server)."""

    def __init__(self, login: str):
        self.login = login
        super().__init__(
            f"ログイン名「{login}」はこのサーバーにすでにあります（別のチームで使われている可能性があります）。"
            "別のログイン名を指定してください。"
        )


class NotFound(TeamError):
    """A list or a member named on the command line is not on the server."""

    def __init__(self, what: str, name: str):
        self.what = what
        self.name = name
        super().__init__(f"{what}「{name}」がチームのサーバーに見つかりません。名前を確認してください。")


class Ambiguous(TeamError):
    """Several lists share the name given."""

    def __init__(self, what: str, name: str, count: int):
        self.name = name
        super().__init__(
            f"{what}「{name}」が {count} 件あります。名前の代わりに uid で指定してください。"
        )


class TeamNotSetUp(TeamError):
    """The database has no team schema: ``team init`` has not been run on it."""

    def __init__(self, where: str):
        self.where = where
        super().__init__(
            f"{where} にはチームが設定されていません。"
            "チームのマネージャーに `team init` でチームを作成してもらってください。"
        )


class NoSuchTeam(TeamError):
    """The server answered, but has no database of that name."""

    def __init__(self, where: str):
        self.where = where
        super().__init__(f"チームのデータベース（{where}）がサーバーにありません。"
                         "サーバーのアドレスとデータベース名を確認してください。")
