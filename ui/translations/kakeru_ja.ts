<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>CompanyPanel</name>
    <message>
        <source>Company details</source>
        <translation>会社の詳細</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Corporate number</source>
        <translation>法人番号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>事業内容</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>従業員数</translation>
    </message>
    <message>
        <source>Fiscal year end</source>
        <translation>決算月</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Webサイト</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>ランク</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>No company selected</source>
        <translation>会社が選択されていません</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save company</source>
        <translation>会社情報を保存</translation>
    </message>
    <message>
        <source>Save the changes (Ctrl+S)</source>
        <translation>変更を保存します（Ctrl+S）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Revert changes</source>
        <translation>変更を取り消す</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（不明）</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>Select a row in the table to see and edit the company here.</source>
        <translation>表で行を選択すると、ここで会社の情報を確認・編集できます。</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>スコア %1</translation>
    </message>
    <message>
        <source>Last touch: %1</source>
        <translation>最終接触: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Lists: %1</source>
        <translation>リスト: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 を編集</translation>
    </message>
    <message>
        <source>Not saved: please check %1 field(s) below.</source>
        <translation>保存できませんでした。下の %1 項目をご確認ください。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>Save the changes to %1?</source>
        <translation>「%1」の変更を保存しますか？</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>担当者を編集</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>担当者を追加</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>携帯電話</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Best time to call</source>
        <translation>つながりやすい時間帯</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Save contact</source>
        <translation>担当者を保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メール</translation>
    </message>
</context>
<context>
    <name>ContactsSection</name>
    <message>
        <source>Contacts</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>担当者を追加</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>担当者を編集</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>担当者を削除</translation>
    </message>
    <message>
        <source>Delete the contact %1? Their calls stay in the history without a name.</source>
        <translation>担当者「%1」を削除しますか？ この方への架電履歴は、担当者名なしで残ります。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Kakeru — unexpected error</source>
        <translation>Kakeru — 予期しないエラー</translation>
    </message>
    <message>
        <source>Kakeru ran into an unexpected error. Your saved data is safe. Please send the report below to the person who supports Kakeru; you can continue working, but restarting Kakeru is safer.</source>
        <translation>予期しないエラーが発生しました。保存済みのデータは失われていません。お手数ですが、下のレポートを Kakeru のサポート担当者にお送りください。このまま作業を続けることもできますが、Kakeru を再起動されるとより安全です。</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>エラーレポート</translation>
    </message>
    <message>
        <source>The report was also saved to: %1</source>
        <translation>レポートは次のファイルにも保存しました: %1</translation>
    </message>
    <message>
        <source>The report could not be saved to the log file.</source>
        <translation>レポートをログファイルに保存できませんでした。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the report</source>
        <translation>レポートをコピー</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>ログフォルダを開く</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Kakeru</source>
        <translation>Kakeru</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>ファイルの選択</translation>
    </message>
    <message>
        <source>CSV, TSV or Excel (.xlsx). Kakeru detects the encoding (UTF-8 or Shift_JIS) and whether the first row is a header.</source>
        <translation>CSV・TSV・Excel（.xlsx）のファイルを取り込めます。文字コード（UTF-8 / Shift_JIS）と、1 行目が見出しかどうかは自動で判定します。</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>取り込むファイル</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>取り込むファイルを選ぶ</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>文字コード</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自動判定</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>見出し行</translation>
    </message>
    <message>
        <source>The first row is a header</source>
        <translation>1 行目は見出し</translation>
    </message>
    <message>
        <source>No header: the first row is data</source>
        <translation>見出しなし（1 行目からデータ）</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>文字コード:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>見出し行:</translation>
    </message>
    <message>
        <source>Choose the list to import</source>
        <translation>取り込むリストを選択</translation>
    </message>
    <message>
        <source>Lists (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>リスト (*.csv *.tsv *.txt *.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose the encoding</source>
        <translation>文字コードの選択</translation>
    </message>
    <message>
        <source>Kakeru could not tell which encoding the file uses. Which one should it read it as?</source>
        <translation>このファイルの文字コードを判別できませんでした。どの文字コードで読み込みますか？</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search targets</source>
        <translation>ターゲットを検索</translation>
    </message>
    <message>
        <source>Search name, reading, phone, address, notes (Ctrl+F)</source>
        <translation>会社名・フリガナ・電話番号・住所・メモで検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Target list</source>
        <translation>ターゲットリスト</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>ランク</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>Untouched only</source>
        <translation>未接触のみ</translation>
    </message>
    <message>
        <source>No touch for</source>
        <translation>接触なし</translation>
    </message>
    <message>
        <source>Only companies not touched for a number of days</source>
        <translation>指定日数以上接触していない会社だけを表示</translation>
    </message>
    <message>
        <source>Days without a touch</source>
        <translation>接触していない日数</translation>
    </message>
    <message>
        <source> days or more</source>
        <translation> 日以上</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Plan: any</source>
        <translation>予定: すべて</translation>
    </message>
    <message>
        <source>Has an open plan</source>
        <translation>予定あり</translation>
    </message>
    <message>
        <source>No open plan</source>
        <translation>予定なし</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>条件をクリア</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未設定）</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>すべての会社</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Demo data</source>
        <translation>デモデータ</translation>
    </message>
    <message>
        <source>Creating demo companies…</source>
        <translation>デモ用の会社データを作成しています…</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Kakeru</source>
        <translation>Kakeru へようこそ</translation>
    </message>
    <message>
        <source>Kakeru is a desk for inside-sales callers: it keeps your target lists in order of priority, records every call in a keystroke, and plans the next touch with a reason. Everything stays on this computer, and it works offline. How would you like to start?</source>
        <translation>Kakeru は、インサイドセールスの架電業務のためのアプリです。ターゲットリストを優先度順に整理し、架電結果をキー操作ひとつで記録して、次回の接触を仮説とともに計画できます。データはすべてこのパソコンに保存され、オフラインでも使えます。どの方法で始めますか？</translation>
    </message>
    <message>
        <source>Try it with demo data</source>
        <translation>デモデータで試す</translation>
    </message>
    <message>
        <source>Adds 1,000 fictitious companies with contacts, calls and plans so you can look around.</source>
        <translation>架空の会社 1,000 件（担当者・架電履歴・予定つき）を作成し、操作を試せるようにします。</translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>リストをインポート</translation>
    </message>
    <message>
        <source>Reads a CSV, TSV or Excel file of companies.</source>
        <translation>会社の一覧（CSV・TSV・Excel）を取り込みます。</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>空のまま始める</translation>
    </message>
    <message>
        <source>You can import or add demo data later from the File menu.</source>
        <translation>インポートやデモデータの追加は、あとから「ファイル」メニューで行えます。</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Company name</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Company reading</source>
        <translation>会社名フリガナ</translation>
    </message>
    <message>
        <source>Corporate number</source>
        <translation>法人番号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>従業員数</translation>
    </message>
    <message>
        <source>Fiscal year end month</source>
        <translation>決算月</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>担当者名</translation>
    </message>
    <message>
        <source>Contact reading</source>
        <translation>担当者フリガナ</translation>
    </message>
    <message>
        <source>Contact department</source>
        <translation>担当者の部署</translation>
    </message>
    <message>
        <source>Contact title</source>
        <translation>担当者の役職</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>担当者の電話番号</translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation>担当者のメールアドレス</translation>
    </message>
    <message>
        <source>(skip)</source>
        <translation>（取り込まない）</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a list</source>
        <translation>リストのインポート</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Choose the target list</source>
        <translation>取り込み先のリスト</translation>
    </message>
    <message>
        <source>Every company in the file is put on this list, the new ones and those Kakeru already knew.</source>
        <translation>ファイル内の会社は、新規の会社も登録済みの会社も、すべてこのリストに追加されます。</translation>
    </message>
    <message>
        <source>A new list named:</source>
        <translation>新しいリスト:</translation>
    </message>
    <message>
        <source>Import into a new list</source>
        <translation>新しいリストに取り込む</translation>
    </message>
    <message>
        <source>Name of the new list</source>
        <translation>新しいリストの名前</translation>
    </message>
    <message>
        <source>An existing list:</source>
        <translation>既存のリスト:</translation>
    </message>
    <message>
        <source>Import into an existing list</source>
        <translation>既存のリストに取り込む</translation>
    </message>
    <message>
        <source>Existing list</source>
        <translation>既存のリスト</translation>
    </message>
    <message>
        <source>%1 (%2 companies)</source>
        <translation>%1（%2 件）</translation>
    </message>
    <message>
        <source>%1 rows of %2 will be imported into the list %3.</source>
        <translation>%2 の %1 行を、リスト「%3」に取り込みます。</translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>リストのインポート</translation>
    </message>
    <message>
        <source>A list named %1 already exists. Add the companies to it?</source>
        <translation>「%1」という名前のリストはすでにあります。このリストに追加しますか？</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>取り込み中</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 を取り込んでいます…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Kakeru — inside sales</source>
        <translation>Kakeru — インサイドセールス</translation>
    </message>
    <message>
        <source>Kakeru main window</source>
        <translation>Kakeru メインウィンドウ</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export current view…</source>
        <translation>表示中の一覧をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Add &amp;demo data…</source>
        <translation>デモデータを追加(&amp;D)…</translation>
    </message>
    <message>
        <source>Open database &amp;location</source>
        <translation>データベースの場所を開く(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>検索(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>最新の情報に更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Kakeru</source>
        <translation>Kakeru について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語切替(&amp;L)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
    <message>
        <source>%1 companies · %2 lists</source>
        <translation>会社 %1 件 · リスト %2 件</translation>
    </message>
    <message>
        <source>Add demo data</source>
        <translation>デモデータの追加</translation>
    </message>
    <message>
        <source>The database already holds companies. Add 1,000 demo companies to it?</source>
        <translation>データベースにはすでに会社が登録されています。デモ用の会社 1,000 件を追加しますか？</translation>
    </message>
    <message>
        <source>About Kakeru</source>
        <translation>Kakeru について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Kakeru %1&lt;/h3&gt;&lt;p&gt;Kakeru helps inside-sales callers work through target lists, nurture each account until the timing is right, and hand field sales a briefing sheet for every meeting they win.&lt;/p&gt;&lt;p&gt;Everything is stored on this computer in one file:&lt;br&gt;%2&lt;/p&gt;&lt;p&gt;Japanese font: BIZ UDPGothic (SIL Open Font License 1.1).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kakeru %1&lt;/h3&gt;&lt;p&gt;Kakeru は、インサイドセールス担当者がターゲットリストに沿って架電し、適切なタイミングまで各アカウントをナーチャリングし、獲得したアポごとにフィールドセールスへ商談ブリーフィングシートを渡すためのアプリです。&lt;/p&gt;&lt;p&gt;データはすべて、このパソコンの次のファイルに保存されています:&lt;br&gt;%2&lt;/p&gt;&lt;p&gt;日本語フォント: BIZ UDPゴシック（SIL Open Font License 1.1）&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Relationship map</source>
        <translation>相関図</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>列の割り当ての確認</translation>
    </message>
    <message>
        <source>Kakeru guessed which field each column holds. Fix any that are wrong; columns set to (skip) are not imported.</source>
        <translation>各列がどの項目にあたるかを推定しました。違っている列は修正してください。「（取り込まない）」にした列は取り込みません。</translation>
    </message>
    <message>
        <source>The first row is a header</source>
        <translation>1 行目は見出し</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>シート:</translation>
    </message>
    <message>
        <source>Saved column mapping</source>
        <translation>保存した列の割り当て</translation>
    </message>
    <message>
        <source>Saved mapping:</source>
        <translation>保存した割り当て:</translation>
    </message>
    <message>
        <source>Tip: set several columns to Address to join them, from left to right, into one address.</source>
        <translation>ヒント: 複数の列を「住所」に割り当てると、左の列から順につなげて 1 つの住所にします。</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>先頭行のプレビュー</translation>
    </message>
    <message>
        <source>Save this mapping as:</source>
        <translation>この割り当てを保存:</translation>
    </message>
    <message>
        <source>Save this mapping for next time</source>
        <translation>この割り当てを次回のために保存</translation>
    </message>
    <message>
        <source>Name of the saved mapping</source>
        <translation>保存する割り当ての名前</translation>
    </message>
    <message>
        <source>File: %1 · Encoding: %2 · %3 rows</source>
        <translation>ファイル: %1 · 文字コード: %2 · %3 行</translation>
    </message>
    <message>
        <source>(guess from the file)</source>
        <translation>（ファイルから推定）</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>先頭の値</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Field for column %1</source>
        <translation>「%1」列の項目</translation>
    </message>
    <message>
        <source>Choose the column that holds the company name.</source>
        <translation>会社名が入っている列を「会社名」に割り当ててください。</translation>
    </message>
    <message>
        <source>These fields are chosen for more than one column: %1. Only Address and Notes can take several columns.</source>
        <translation>次の項目が複数の列に割り当てられています: %1。複数の列に割り当てられるのは「住所」と「備考」だけです。</translation>
    </message>
</context>
<context>
    <name>MultiSelectButton</name>
    <message>
        <source>Clear</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>%1: all</source>
        <translation>%1: すべて</translation>
    </message>
    <message>
        <source>%1: %2 chosen</source>
        <translation>%1: %2 件選択</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This page is coming in a later version.</source>
        <translation>このページは今後のバージョンで追加される予定です。</translation>
    </message>
</context>
<context>
    <name>ProgressCallback</name>
    <message>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
</context>
<context>
    <name>RejectsModel</name>
    <message>
        <source>Line</source>
        <translation>行番号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行の内容</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import finished</source>
        <translation>取り込みが完了しました</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Duplicates in the file</source>
        <translation>重複</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>除外</translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation>読み込んだ行</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>除外した行</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>除外行を保存…</translation>
    </message>
    <message>
        <source>Save rejected rows as CSV</source>
        <translation>除外した行を CSV で保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>取り消す</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>この取り込みを取り消す</translation>
    </message>
    <message>
        <source>Rejected rows (line numbers are those of the file):</source>
        <translation>除外した行（行番号はファイル上の行です）:</translation>
    </message>
    <message>
        <source>%1 rows of %2 were read and put on the list %3.</source>
        <translation>%2 から %1 行を読み込み、リスト「%3」に追加しました。</translation>
    </message>
    <message>
        <source>%1-rejected.csv</source>
        <translation>%1-除外行.csv</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>除外行の保存</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written (%1). Choose another place.</source>
        <translation>ファイルを書き込めませんでした（%1）。別の保存先を選んでください。</translation>
    </message>
    <message>
        <source>Saved %1 rejected rows to %2.</source>
        <translation>除外した %1 行を %2 に保存しました。</translation>
    </message>
    <message>
        <source>Undo the whole import? Companies it created are deleted and the ones it updated get their previous values back.</source>
        <translation>この取り込みをすべて取り消しますか？ 新しく作成した会社は削除され、更新した会社は取り込み前の内容に戻ります。</translation>
    </message>
    <message>
        <source>The import was undone. The database is as it was before.</source>
        <translation>取り込みを取り消しました。データベースは取り込み前の状態に戻っています。</translation>
    </message>
</context>
<context>
    <name>TargetActions</name>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>New list…</source>
        <translation>新しいリスト…</translation>
    </message>
    <message>
        <source>Rename list…</source>
        <translation>リスト名を変更…</translation>
    </message>
    <message>
        <source>Delete list…</source>
        <translation>リストを削除…</translation>
    </message>
    <message>
        <source>Save current filters as a view…</source>
        <translation>現在の条件をビューとして保存…</translation>
    </message>
    <message>
        <source>Rename view…</source>
        <translation>ビュー名を変更…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>ビューを削除</translation>
    </message>
    <message>
        <source>Delete selected companies…</source>
        <translation>選択した会社を削除…</translation>
    </message>
    <message>
        <source>Select all matching companies</source>
        <translation>条件に合う会社をすべて選択</translation>
    </message>
    <message>
        <source>Change rank</source>
        <translation>ランク変更</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>ステータス変更</translation>
    </message>
    <message>
        <source>Add to list</source>
        <translation>リストに追加</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>リストから外す</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>ランク</translation>
    </message>
    <message>
        <source>status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Set %1 of %2 companies to %3</source>
        <translation>%2 件の%1を「%3」に変更</translation>
    </message>
    <message>
        <source>Change many companies</source>
        <translation>多数の会社の変更</translation>
    </message>
    <message>
        <source>%1. Undo with Ctrl+Z.</source>
        <translation>%1しました。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>Add %1 companies to %2</source>
        <translation>%1 件を「%2」に追加</translation>
    </message>
    <message>
        <source>Remove %1 companies from %2</source>
        <translation>%1 件を「%2」から外す</translation>
    </message>
    <message>
        <source>…and %1 more</source>
        <translation>…ほか %1 件</translation>
    </message>
    <message>
        <source>Delete companies</source>
        <translation>会社の削除</translation>
    </message>
    <message>
        <source>Delete %1 companies for good?</source>
        <translation>%1 件の会社を削除しますか？</translation>
    </message>
    <message>
        <source>Their contacts, call history, plans and meetings are deleted with them. This cannot be undone.</source>
        <translation>担当者・架電履歴・予定・商談も一緒に削除されます。この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete %1 companies</source>
        <translation>%1 件を削除</translation>
    </message>
    <message>
        <source>New list</source>
        <translation>新しいリスト</translation>
    </message>
    <message>
        <source>Name of the new list:</source>
        <translation>新しいリストの名前:</translation>
    </message>
    <message>
        <source>Rename list</source>
        <translation>リスト名の変更</translation>
    </message>
    <message>
        <source>New name of the list:</source>
        <translation>リストの新しい名前:</translation>
    </message>
    <message>
        <source>Delete list</source>
        <translation>リストの削除</translation>
    </message>
    <message>
        <source>Delete the list %1? Its %2 companies stay in Kakeru; only the list goes.</source>
        <translation>リスト「%1」を削除しますか？ リストに含まれる %2 件の会社は削除されず、リストだけがなくなります。</translation>
    </message>
    <message>
        <source>(current filters)</source>
        <translation>（現在の条件）</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>ビューの保存</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>ビューの名前:</translation>
    </message>
    <message>
        <source>%1
Replace the existing view?</source>
        <translation>%1
既存のビューを置き換えますか？</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>ビュー名の変更</translation>
    </message>
    <message>
        <source>New name of the view:</source>
        <translation>ビューの新しい名前:</translation>
    </message>
    <message>
        <source>Delete the saved view %1? The companies are not affected.</source>
        <translation>保存したビュー「%1」を削除しますか？ 会社のデータには影響しません。</translation>
    </message>
    <message>
        <source>CSV, UTF-8 with BOM — for Excel (*.csv)</source>
        <translation>CSV（UTF-8 BOM 付き・Excel 向け） (*.csv)</translation>
    </message>
    <message>
        <source>CSV, Shift_JIS (CP932) — for older systems (*.csv)</source>
        <translation>CSV（Shift_JIS / CP932・従来のシステム向け） (*.csv)</translation>
    </message>
    <message>
        <source>Export the current view</source>
        <translation>表示中の一覧をエクスポート</translation>
    </message>
    <message>
        <source>targets.csv</source>
        <translation>ターゲット.csv</translation>
    </message>
    <message>
        <source>Exported %1 companies to %2</source>
        <translation>%1 件を %2 に書き出しました</translation>
    </message>
    <message>
        <source>(%1 cells had characters Shift_JIS cannot hold; they were written as 〓.)</source>
        <translation>（Shift_JIS で表せない文字を含むセルが %1 個あったため、その文字を〓に置き換えました。）</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>従業員数</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>ランク</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>最終接触</translation>
    </message>
    <message>
        <source>Next plan</source>
        <translation>次回予定</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>期限切れ: %1</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>Targets</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Manage lists</source>
        <translation>リストの管理</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>保存したビュー</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>ビュー</translation>
    </message>
    <message>
        <source>Manage saved views</source>
        <translation>保存したビューの管理</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>リストをインポート</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Export the current view to CSV</source>
        <translation>表示中の一覧を CSV に書き出す</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Select every matching company</source>
        <translation>条件に合う会社をすべて選択</translation>
    </message>
    <message>
        <source>Change rank</source>
        <translation>ランク変更</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>ステータス変更</translation>
    </message>
    <message>
        <source>Add to list</source>
        <translation>リストに追加</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>リストから外す</translation>
    </message>
    <message>
        <source>Remove from the chosen list</source>
        <translation>選択中のリストから外す</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Delete the selected companies</source>
        <translation>選択した会社を削除</translation>
    </message>
    <message>
        <source>Call these…</source>
        <translation>架電開始…</translation>
    </message>
    <message>
        <source>Start a call session on the selected companies, or on all shown</source>
        <translation>選択した会社（未選択なら表示中のすべて）で架電セッションを開始</translation>
    </message>
    <message>
        <source>Start a call session on the selection (or on every company shown when nothing is selected), in the table's order</source>
        <translation>選択した会社（未選択なら表示中のすべての会社）で、表の並び順に架電セッションを開始します</translation>
    </message>
    <message>
        <source>Number of companies shown</source>
        <translation>表示中の会社の件数</translation>
    </message>
    <message>
        <source>No companies</source>
        <translation>会社がありません</translation>
    </message>
    <message>
        <source>%1 companies</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>There are no companies yet. Import a list with File → Import… (Ctrl+I), or add demo data with File → Add demo data…</source>
        <translation>まだ会社が登録されていません。「ファイル → インポート…」（Ctrl+I）でリストを取り込むか、「ファイル → デモデータを追加…」でデモデータをお試しください。</translation>
    </message>
    <message>
        <source>No company matches these conditions. Change or clear the filters.</source>
        <translation>条件に合う会社はありません。条件を変更するか、クリアしてください。</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>%1 件を選択中</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未選択</translation>
    </message>
    <message>
        <source>Select all %1 matching</source>
        <translation>条件に合う %1 件をすべて選択</translation>
    </message>
</context>
</TS>
