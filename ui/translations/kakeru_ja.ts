<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AccountCardView</name>
    <message>
        <source>The account being called</source>
        <translation>架電中のアカウント</translation>
    </message>
    <message>
        <source>A colleague's work on this account</source>
        <translation>この会社に対する他の担当者の対応</translation>
    </message>
    <message>
        <source>Person to ask for</source>
        <translation>お呼び出しする方</translation>
    </message>
    <message>
        <source>Open plan and hypothesis</source>
        <translation>予定と仮説</translation>
    </message>
    <message>
        <source>Last touches</source>
        <translation>直近の接触</translation>
    </message>
    <message>
        <source>Talk script and hearing checklist</source>
        <translation>トークスクリプトとヒアリング項目</translation>
    </message>
    <message>
        <source>Edit script…</source>
        <translation>スクリプトを編集…</translation>
    </message>
    <message>
        <source>Edit the talk script and hearing checklist of this list</source>
        <translation>このリストのトークスクリプトとヒアリング項目を編集</translation>
    </message>
    <message>
        <source>Ask for</source>
        <translation>お呼び出し</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Relationship map</source>
        <translation>相関図</translation>
    </message>
    <message>
        <source>Talk script</source>
        <translation>トークスクリプト</translation>
    </message>
    <message>
        <source>Nobody recorded yet: ask reception who handles hiring.</source>
        <translation>担当者が未登録です。受付で採用のご担当者をお尋ねください。</translation>
    </message>
    <message>
        <source>direct %1</source>
        <translation>直通 %1</translation>
    </message>
    <message>
        <source>best time %1</source>
        <translation>つながりやすい時間 %1</translation>
    </message>
    <message>
        <source>No open plan: a first call.</source>
        <translation>予定はありません（初回の架電です）。</translation>
    </message>
    <message>
        <source>(no hypothesis)</source>
        <translation>（仮説なし）</translation>
    </message>
    <message>
        <source>Never called.</source>
        <translation>まだ架電していません。</translation>
    </message>
    <message>
        <source>This company is on no list, so there is no talk script.</source>
        <translation>この会社はどのリストにも入っていないため、トークスクリプトはありません。</translation>
    </message>
    <message>
        <source>No talk script for this list yet.</source>
        <translation>このリストにはまだトークスクリプトがありません。</translation>
    </message>
    <message>
        <source>Hearing checklist</source>
        <translation>ヒアリング項目</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Find a company</source>
        <translation>会社を検索</translation>
    </message>
    <message>
        <source>Find a company by name, reading, phone or address (Ctrl+L)</source>
        <translation>会社名・フリガナ・電話番号・住所で検索（Ctrl+L）</translation>
    </message>
    <message>
        <source>Companies found</source>
        <translation>見つかった会社</translation>
    </message>
    <message>
        <source>Choose a company to see its account: type in the search line, then press Enter or double-click a row.</source>
        <translation>会社を選ぶとアカウントを表示します。検索欄に入力して Enter キーを押すか、行をダブルクリックしてください。</translation>
    </message>
    <message>
        <source>How to choose a company</source>
        <translation>会社の選び方</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Lists the company is on</source>
        <translation>登録されているリスト</translation>
    </message>
    <message>
        <source>Open hypothesis</source>
        <translation>未完了の仮説</translation>
    </message>
    <message>
        <source>Start a call session</source>
        <translation>架電セッションを開始</translation>
    </message>
    <message>
        <source>Start a call session on this company</source>
        <translation>この会社で架電セッションを開始</translation>
    </message>
    <message>
        <source>Start a call session on this company (Ctrl+Shift+Return)</source>
        <translation>この会社で架電セッションを開始します（Ctrl+Shift+Enter）</translation>
    </message>
    <message>
        <source>Apply cadence…</source>
        <translation>ケイデンスを適用…</translation>
    </message>
    <message>
        <source>Apply a cadence to this company</source>
        <translation>この会社にケイデンスを適用</translation>
    </message>
    <message>
        <source>Plan this company's next touches from a cadence</source>
        <translation>ケイデンスの手順から、この会社の次回以降の接触を予定します</translation>
    </message>
    <message>
        <source>Timeline and relationship map</source>
        <translation>タイムラインと関係図</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>タイムライン(&amp;T)</translation>
    </message>
    <message>
        <source>Relationship &amp;map</source>
        <translation>関係図(&amp;M)</translation>
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
        <source>Open hypothesis: none</source>
        <translation>未完了の仮説: なし</translation>
    </message>
    <message>
        <source>Open hypothesis: %1 (plan for %2)</source>
        <translation>未完了の仮説: %1（%2 の予定）</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>%1 のステータス変更</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>保存できませんでした</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>本日予定</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>区分</translation>
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
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>予定日</translation>
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
        <source>Why now</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <source>Agenda</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>すべてのリスト</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Apply cadence…</source>
        <translation>ケイデンスを適用…</translation>
    </message>
    <message>
        <source>Apply a cadence to the chosen list or the selected accounts</source>
        <translation>選択したリストまたはアカウントにケイデンスを適用</translation>
    </message>
    <message>
        <source>Plan a sequence of touches for every account of the list chosen on the left (or for the selected accounts when no list is chosen)</source>
        <translation>左で選んだリストのすべてのアカウント（リスト未選択のときは選択中のアカウント）に、一連の接触予定を作成します</translation>
    </message>
    <message>
        <source>Export to calendar (.ics)…</source>
        <translation>カレンダーに書き出し（.ics）…</translation>
    </message>
    <message>
        <source>Export open plans and meetings to a calendar file</source>
        <translation>未完了の予定と商談をカレンダーファイルに書き出し</translation>
    </message>
    <message>
        <source>Outlook, Google Calendar and phones can import the file; importing it again updates the events instead of adding copies</source>
        <translation>Outlook・Google カレンダー・スマートフォンで読み込めます。もう一度読み込むと、予定は重複せずに更新されます</translation>
    </message>
    <message>
        <source>Open plans by day</source>
        <translation>日付ごとの未完了の予定</translation>
    </message>
    <message>
        <source>Open account</source>
        <translation>アカウントを開く</translation>
    </message>
    <message>
        <source>Open the account of the selected plan</source>
        <translation>選択した予定のアカウントを開く</translation>
    </message>
    <message>
        <source>Open the account (Enter)</source>
        <translation>アカウントを開きます（Enter）</translation>
    </message>
    <message>
        <source>Edit plan…</source>
        <translation>予定を編集…</translation>
    </message>
    <message>
        <source>Edit the selected plan</source>
        <translation>選択した予定を編集</translation>
    </message>
    <message>
        <source>Edit the plan (F2)</source>
        <translation>予定を編集します（F2）</translation>
    </message>
    <message>
        <source>Call these…</source>
        <translation>架電開始…</translation>
    </message>
    <message>
        <source>Start a call session on the selected plans' accounts</source>
        <translation>選択した予定のアカウントで架電セッションを開始</translation>
    </message>
    <message>
        <source>Start a call session on the selected accounts (a selected group takes all of its plans; with nothing selected, every account shown), in agenda order (Ctrl+Enter)</source>
        <translation>選択したアカウント（グループを選ぶとその予定すべて、未選択なら表示中のすべて）で、予定の順に架電セッションを開始します（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Number of open plans</source>
        <translation>未完了の予定の件数</translation>
    </message>
    <message>
        <source>Agenda views</source>
        <translation>予定の表示</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Which hypotheses work</source>
        <translation>仮説の当たり外れ</translation>
    </message>
    <message>
        <source>%1 open plans</source>
        <translation>未完了の予定 %1件</translation>
    </message>
    <message>
        <source>Add another plan for this account…</source>
        <translation>このアカウントに予定を追加…</translation>
    </message>
    <message>
        <source>Apply cadence</source>
        <translation>ケイデンスの適用</translation>
    </message>
    <message>
        <source>Choose a list in the List filter, or select plans in the agenda, to say which accounts the cadence is for.</source>
        <translation>ケイデンスを適用するアカウントを決めるため、「リスト」でリストを選ぶか、予定の一覧で予定を選択してください。</translation>
    </message>
    <message>
        <source>Export to calendar</source>
        <translation>カレンダーに書き出し</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar ファイル (*.ics)</translation>
    </message>
    <message>
        <source>Writing the calendar file…</source>
        <translation>カレンダーファイルを書き出しています…</translation>
    </message>
    <message>
        <source>%1 plans and %2 meetings were written to %3. Importing the file again later updates these events instead of adding copies.</source>
        <translation>予定%1件と商談%2件を %3 に書き出しました。後でもう一度読み込むと、予定は重複せずに更新されます。</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>The check that runs after start-up found damage in the database. Choose a backup to restore now; the damaged file is kept aside as a "before-restore" copy.</source>
        <translation>起動後の確認で、データベースに破損が見つかりました。復元するバックアップを選んでください。破損したファイルは「before-restore」のコピーとして別に保管します。</translation>
    </message>
    <message>
        <source>Checking the database before opening it…</source>
        <translation>データベースを開く前に確認しています…</translation>
    </message>
    <message>
        <source>The open Kakeru window could not be brought to the front. If you cannot find it, end Kakeru in the Task Manager (or restart the computer), then start Kakeru again.</source>
        <translation>開いている Kakeru の画面を前面に表示できませんでした。画面が見つからない場合は、タスク マネージャーで Kakeru を終了する（またはパソコンを再起動する）と、もう一度起動できます。</translation>
    </message>
    <message>
        <source>No usable backup was found in %1, so Kakeru will now close. Copy the damaged file somewhere safe and ask for help; "main.py check" shows what is wrong.</source>
        <translation>%1 に使えるバックアップが見つからないため、Kakeru を終了します。破損したファイルを安全な場所にコピーしてから、担当者にご相談ください（「main.py check」で問題の内容を確認できます）。</translation>
    </message>
    <message>
        <source>The database %1 is damaged. Kakeru has not changed it.

Restore the newest good backup, %2 (taken %3)? The damaged file is kept aside in the backups folder as a "before-restore" copy, then the backup replaces it. Anything entered after that backup will not be in the restored database.

Choose No to close Kakeru without changing anything.</source>
        <translation>データベース「%1」が破損しています。ファイルは変更していません。

正常な最新のバックアップ「%2」（%3 作成）から復元しますか？破損したファイルはバックアップフォルダーに「before-restore」（復元前）のコピーとして残してから、バックアップで置き換えます。このバックアップより後に入力した内容は、復元後のデータベースには含まれません。

「いいえ」を選ぶと、何も変更せずに Kakeru を終了します。</translation>
    </message>
    <message>
        <source>The database was restored from %1. The damaged file is kept as %2.</source>
        <translation>データベースを「%1」から復元しました。破損していたファイルは「%2」として残しています。</translation>
    </message>
    <message>
        <source>Checking today's backup…</source>
        <translation>本日のバックアップを確認しています…</translation>
    </message>
    <message>
        <source>Today's backup was saved: %1</source>
        <translation>本日のバックアップを保存しました: %1</translation>
    </message>
    <message>
        <source>Today's backup already exists.</source>
        <translation>本日のバックアップは作成済みです。</translation>
    </message>
    <message>
        <source>The database was restored from %1.</source>
        <translation>データベースを「%1」から復元しました。</translation>
    </message>
    <message>
        <source>The database as it was before is kept as %1.</source>
        <translation>復元前のデータベースは「%1」として残しています。</translation>
    </message>
</context>
<context>
    <name>ApplyCadenceDialog</name>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>When</source>
        <translation>タイミング</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Apply cadence</source>
        <translation>ケイデンスの適用</translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation>ケイデンス</translation>
    </message>
    <message>
        <source>About the cadence</source>
        <translation>ケイデンスの説明</translation>
    </message>
    <message>
        <source>Start day</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>+%1 business days</source>
        <translation>%1営業日後</translation>
    </message>
    <message>
        <source>+%1 weeks</source>
        <translation>%1週間後</translation>
    </message>
    <message>
        <source>+%1 months</source>
        <translation>%1ヶ月後</translation>
    </message>
    <message>
        <source>%1 months before the fiscal year end</source>
        <translation>決算月の%1ヶ月前</translation>
    </message>
    <message>
        <source>%1 months after the fiscal year end</source>
        <translation>決算月の%1ヶ月後</translation>
    </message>
    <message>
        <source>Fiscal year end month</source>
        <translation>決算月</translation>
    </message>
    <message>
        <source>Edit cadences…</source>
        <translation>ケイデンスを編集…</translation>
    </message>
    <message>
        <source>Edit the cadences and their steps</source>
        <translation>ケイデンスとステップを編集</translation>
    </message>
    <message>
        <source>an appointment</source>
        <translation>アポ獲得</translation>
    </message>
    <message>
        <source>Stop on an appointment</source>
        <translation>アポ獲得で停止</translation>
    </message>
    <message>
        <source>do not call / disqualified</source>
        <translation>架電不可・対象外</translation>
    </message>
    <message>
        <source>Stop when do not call or disqualified</source>
        <translation>架電不可・対象外になったら停止</translation>
    </message>
    <message>
        <source>a reply (connected)</source>
        <translation>担当者接続</translation>
    </message>
    <message>
        <source>Stop on a reply</source>
        <translation>担当者接続で停止</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Example account</source>
        <translation>日付の例のアカウント</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>適用内容</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Stops on</source>
        <translation>停止する条件</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Apply the cadence</source>
        <translation>ケイデンスを適用</translation>
    </message>
    <message>
        <source>There is no cadence yet.</source>
        <translation>ケイデンスがまだありません。</translation>
    </message>
    <message>
        <source>Days shown for %1.</source>
        <translation>日付は「%1」の場合です。</translation>
    </message>
    <message>
        <source>%1 of %2 accounts will get %3 plans.</source>
        <translation>%2社のうち%1社に、予定を%3件作成します。</translation>
    </message>
    <message>
        <source>%1 accounts have no fiscal year end month and will be skipped.</source>
        <translation>決算月が未登録の%1社は対象外になります。</translation>
    </message>
    <message>
        <source>%1 accounts are do not call or disqualified and will be skipped.</source>
        <translation>架電不可・対象外の%1社は対象外になります。</translation>
    </message>
    <message>
        <source>%1 accounts already run this cadence and will be left as they are.</source>
        <translation>すでにこのケイデンスの予定がある%1社はそのままにします。</translation>
    </message>
    <message>
        <source>Creating plans…</source>
        <translation>予定を作成しています…</translation>
    </message>
    <message>
        <source>Cadence "%1" was applied to %2 accounts: %3 plans created.</source>
        <translation>ケイデンス「%1」を%2社に適用し、予定を%3件作成しました。</translation>
    </message>
    <message>
        <source>%1 accounts without a fiscal year end month were skipped.</source>
        <translation>決算月が未登録の%1社は対象外にしました。</translation>
    </message>
    <message>
        <source>%1 do-not-call or disqualified accounts were skipped.</source>
        <translation>架電不可・対象外の%1社は対象外にしました。</translation>
    </message>
    <message>
        <source>%1 accounts already running this cadence were left as they are.</source>
        <translation>すでにこのケイデンスの予定がある%1社はそのままにしました。</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Assignments</source>
        <translation>担当の割り当て</translation>
    </message>
    <message>
        <source>How old the shown assignments are</source>
        <translation>表示中の割り当てがいつの時点のものか</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>社数</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Lists and who holds them</source>
        <translation>リストと担当者</translation>
    </message>
    <message>
        <source>Caller to assign the list to</source>
        <translation>リストを割り当てる担当者</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>割り当て(&amp;A)…</translation>
    </message>
    <message>
        <source>Assign the selected list to the caller</source>
        <translation>選択したリストを担当者に割り当てる</translation>
    </message>
    <message>
        <source>Assign the selected list to &amp;caller</source>
        <translation>選択したリストの担当者(&amp;C)</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Plans due by today</source>
        <translation>今日までの予定</translation>
    </message>
    <message>
        <source>Of which overdue</source>
        <translation>うち期限切れ</translation>
    </message>
    <message>
        <source>Not yet called</source>
        <translation>未架電</translation>
    </message>
    <message>
        <source>Each caller's open work</source>
        <translation>担当者ごとの残作業</translation>
    </message>
    <message>
        <source>Open work per caller</source>
        <translation>担当者ごとの残作業</translation>
    </message>
    <message>
        <source>Hand over from</source>
        <translation>引き継ぎ元</translation>
    </message>
    <message>
        <source>Hand over to</source>
        <translation>引き継ぎ先</translation>
    </message>
    <message>
        <source>What to hand over</source>
        <translation>引き継ぐ範囲</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>引き継ぐ(&amp;H)…</translation>
    </message>
    <message>
        <source>Hand the work over to another caller</source>
        <translation>担当を別の担当者に引き継ぐ</translation>
    </message>
    <message>
        <source>Hand &amp;back</source>
        <translation>元に戻す(&amp;B)</translation>
    </message>
    <message>
        <source>Hand the lists just moved back</source>
        <translation>引き継いだリストを元の担当者に戻す</translation>
    </message>
    <message>
        <source>Hand over (someone is away or leaves)</source>
        <translation>引き継ぎ（不在・退職のとき）</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>引き継ぎ元(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>引き継ぎ先(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation>範囲(&amp;W)</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>保存したビュー</translation>
    </message>
    <message>
        <source>Caller to assign the view's companies to</source>
        <translation>ビューの企業を割り当てる担当者</translation>
    </message>
    <message>
        <source>Make a list and assign…</source>
        <translation>リストを作って割り当て…</translation>
    </message>
    <message>
        <source>Make a list of the saved view's companies and assign it</source>
        <translation>保存したビューの企業でリストを作り、担当者に割り当てる</translation>
    </message>
    <message>
        <source>A saved view's companies</source>
        <translation>保存したビューの企業</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>ビュー(&amp;V)</translation>
    </message>
    <message>
        <source>Ca&amp;ller</source>
        <translation>担当者(&amp;L)</translation>
    </message>
    <message>
        <source>How the last change went</source>
        <translation>直前の操作の結果</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未割り当て）</translation>
    </message>
    <message>
        <source>Not synced yet: sync first to see the team's assignments.</source>
        <translation>まだ同期していません。チームの割り当てを表示するには、先に同期してください。</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>たった今</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 時間前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 日前</translation>
    </message>
    <message>
        <source>As of the last sync (%1, %2). Changes made here are sent to the team's server and synced at once.</source>
        <translation>最終同期の時点の内容です（%1、%2）。ここでの変更はチームのサーバーに送られ、すぐに同期されます。</translation>
    </message>
    <message>
        <source>All of their work (every list and open plan)</source>
        <translation>担当のすべて（全リストと未完了の予定）</translation>
    </message>
    <message>
        <source>Only the list %1</source>
        <translation>リスト「%1」のみ</translation>
    </message>
    <message>
        <source>This file is in no team.</source>
        <translation>このファイルはチームに参加していません。</translation>
    </message>
    <message>
        <source>Syncing with the team's server…</source>
        <translation>チームのサーバーと同期しています…</translation>
    </message>
    <message>
        <source>The change is on the team's server, but this file could not sync: %1</source>
        <translation>変更はチームのサーバーに記録しましたが、このファイルを同期できませんでした: %1</translation>
    </message>
    <message>
        <source>Choose a list and a caller.</source>
        <translation>リストと担当者を選んでください。</translation>
    </message>
    <message>
        <source>Assign the list %1 (%2 companies) to %3? It joins %3's Today queue after their next sync.

This is recorded on the team's server: Ctrl+Z cannot take it back. To undo it, hand the list over to someone else on this screen.</source>
        <translation>リスト「%1」（%2 社）を%3さんに割り当てますか？ %3さんの次回の同期から「今日」のキューに入ります。

この割り当てはチームのサーバーに記録されるため、Ctrl+Z では取り消せません。取り消すときは、この画面でリストを別の担当者に引き継いでください。</translation>
    </message>
    <message>
        <source>Assign a list</source>
        <translation>リストの割り当て</translation>
    </message>
    <message>
        <source>Assigning %1 to %2…</source>
        <translation>「%1」を%2さんに割り当てています…</translation>
    </message>
    <message>
        <source>%1 now holds the list %2.</source>
        <translation>リスト「%2」を%1さんに割り当てました。</translation>
    </message>
    <message>
        <source>Choose who hands over and who takes over.</source>
        <translation>引き継ぎ元と引き継ぎ先を選んでください。</translation>
    </message>
    <message>
        <source>all of %1's lists and open plans</source>
        <translation>%1さんの全リストと未完了の予定</translation>
    </message>
    <message>
        <source>the list %1 and %2's open plans on its accounts</source>
        <translation>リスト「%1」と、その企業での %2さんの未完了の予定</translation>
    </message>
    <message>
        <source>Hand %1 over to %2?

What moves: the lists and the open plans with their hypotheses. What stays: every past call, meeting and note keeps the name of who made it.

This is recorded on the team's server: Ctrl+Z cannot take it back. Afterwards the screen offers to hand the moved lists back.</source>
        <translation>%1を%2さんに引き継ぎますか？

移るもの: リストと、未完了の予定（仮説を含む）。残るもの: これまでの架電・商談・メモは、記録した人の名前のまま残ります。

この操作はチームのサーバーに記録されるため、Ctrl+Z では取り消せません。引き継いだあと、この画面でリストを元の担当者に戻せます。</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>担当の引き継ぎ</translation>
    </message>
    <message>
        <source>Handing %1's work over to %2…</source>
        <translation>%1さんの担当を%2さんに引き継いでいます…</translation>
    </message>
    <message>
        <source>Handed over to %1: %2 lists and %3 open plans.</source>
        <translation>%1さんに引き継ぎました（リスト %2 件、未完了の予定 %3 件）。</translation>
    </message>
    <message>
        <source>Hand the %1 lists just moved back from %2 to %3, with the open plans on their accounts?</source>
        <translation>引き継いだ %1 件のリストを、その企業の未完了の予定とともに%2さんから%3さんに戻しますか？</translation>
    </message>
    <message>
        <source>Hand back</source>
        <translation>引き継ぎを戻す</translation>
    </message>
    <message>
        <source>Handing the lists back to %1…</source>
        <translation>リストを%1さんに戻しています…</translation>
    </message>
    <message>
        <source>Handed back to %1: %2 lists and %3 open plans.</source>
        <translation>%1さんに戻しました（リスト %2 件、未完了の予定 %3 件）。</translation>
    </message>
    <message>
        <source>Choose a saved view and a caller.</source>
        <translation>保存したビューと担当者を選んでください。</translation>
    </message>
    <message>
        <source>Make the list %1 of the %2 companies the view %3 shows now, and assign it to %4?

The assignment is recorded on the team's server: Ctrl+Z cannot take it back. To undo it, hand the list over to someone else on this screen.</source>
        <translation>ビュー「%3」に今表示されている %2 社でリスト「%1」を作り、%4さんに割り当てますか？

この割り当てはチームのサーバーに記録されるため、Ctrl+Z では取り消せません。取り消すときは、この画面でリストを別の担当者に引き継いでください。</translation>
    </message>
    <message>
        <source>Assign a saved view</source>
        <translation>保存したビューの割り当て</translation>
    </message>
    <message>
        <source>Make a list from a saved view</source>
        <translation>保存したビューからリストを作成</translation>
    </message>
</context>
<context>
    <name>BackupRestore</name>
    <message>
        <source>Daily (automatic)</source>
        <translation>毎日（自動）</translation>
    </message>
    <message>
        <source>Manual (Back up now)</source>
        <translation>手動（今すぐバックアップ）</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>取り込み前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>復元前</translation>
    </message>
    <message>
        <source>Before encrypting</source>
        <translation>暗号化前</translation>
    </message>
    <message>
        <source>Before removing the encryption</source>
        <translation>暗号化の解除前</translation>
    </message>
    <message>
        <source>Before changing the passphrase</source>
        <translation>パスフレーズの変更前</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>更新前</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>データベースをバックアップしています…</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
</context>
<context>
    <name>BriefDayDialog</name>
    <message>
        <source>Print all briefs for a date</source>
        <translation>日付を指定してブリーフィングシートを一括印刷</translation>
    </message>
    <message>
        <source>Date of the meetings</source>
        <translation>商談の日付</translation>
    </message>
    <message>
        <source>Prepare…</source>
        <translation>作成…</translation>
    </message>
    <message>
        <source>Prepare the briefing sheets of this date</source>
        <translation>この日のブリーフィングシートを作成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日付:</translation>
    </message>
    <message>
        <source>%1 meetings on this date (cancelled ones are left out).</source>
        <translation>この日の商談は %1 件です（中止の商談は含みません）。</translation>
    </message>
    <message>
        <source>There are no meetings on this date.</source>
        <translation>この日の商談はありません。</translation>
    </message>
</context>
<context>
    <name>BriefPreview</name>
    <message>
        <source>Briefing sheet preview</source>
        <translation>ブリーフィングシートのプレビュー</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Print the briefing sheet</source>
        <translation>ブリーフィングシートを印刷</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>印刷（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF で保存…</translation>
    </message>
    <message>
        <source>Save the briefing sheet as a PDF file</source>
        <translation>ブリーフィングシートを PDF ファイルで保存</translation>
    </message>
    <message>
        <source>Save as PDF (Ctrl+S)</source>
        <translation>PDF で保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Briefing sheet pages</source>
        <translation>ブリーフィングシートのページ</translation>
    </message>
    <message>
        <source>Printing %1 pages…</source>
        <translation>%1 ページを印刷しています…</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>%1 page(s)</source>
        <translation>%1 ページ</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Printing could not start. Check that the printer is connected and switched on, then try again.</source>
        <translation>印刷を開始できませんでした。プリンターが接続され、電源が入っているかをご確認のうえ、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Save the briefing sheet</source>
        <translation>ブリーフィングシートの保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF で保存</translation>
    </message>
    <message>
        <source>The file could not be saved to %1 (%2). Check the folder, the free space and that no other program has the file open.</source>
        <translation>「%1」に保存できませんでした（%2）。保存先のフォルダ、空き容量、ほかのアプリでファイルを開いていないかをご確認ください。</translation>
    </message>
</context>
<context>
    <name>BriefPreviewDialog</name>
    <message>
        <source>Briefing sheet</source>
        <translation>ブリーフィングシート</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Close the preview</source>
        <translation>プレビューを閉じる</translation>
    </message>
    <message>
        <source>Briefing sheet — %1</source>
        <translation>ブリーフィングシート — %1</translation>
    </message>
    <message>
        <source>Briefing sheets</source>
        <translation>ブリーフィングシート</translation>
    </message>
    <message>
        <source>Preparing %1 briefing sheets…</source>
        <translation>%1 件のブリーフィングシートを作成しています…</translation>
    </message>
    <message>
        <source>%1: %2 meetings</source>
        <translation>%1：商談 %2 件</translation>
    </message>
    <message>
        <source>Briefing sheets for %1</source>
        <translation>%1のブリーフィングシート</translation>
    </message>
</context>
<context>
    <name>BusinessDayHint</name>
    <message>
        <source>Business day note</source>
        <translation>営業日の案内</translation>
    </message>
    <message>
        <source>Why this day is not a business day</source>
        <translation>営業日でない理由</translation>
    </message>
    <message>
        <source>Use the next business day</source>
        <translation>翌営業日にする</translation>
    </message>
    <message>
        <source>Move the date to the next business day, keeping the time (%1)</source>
        <translation>日付を翌営業日に移します。時刻はそのままです（%1）</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1月%2日</translation>
    </message>
    <message>
        <source>%1 is a public holiday (%2).</source>
        <translation>%1は祝日（%2）です。</translation>
    </message>
    <message>
        <source>%1 is a company closure day (%2).</source>
        <translation>%1は休業日（%2）です。</translation>
    </message>
    <message>
        <source>%1 is a company closure day.</source>
        <translation>%1は休業日です。</translation>
    </message>
    <message>
        <source>%1 is a Saturday.</source>
        <translation>%1は土曜日です。</translation>
    </message>
    <message>
        <source>%1 is a Sunday.</source>
        <translation>%1は日曜日です。</translation>
    </message>
    <message>
        <source>Use the next business day (%1)</source>
        <translation>翌営業日（%1）にする</translation>
    </message>
</context>
<context>
    <name>CadenceEditorDialog</name>
    <message>
        <source>business days after the start</source>
        <translation>営業日後（開始日から）</translation>
    </message>
    <message>
        <source>weeks after the start</source>
        <translation>週間後（開始日から）</translation>
    </message>
    <message>
        <source>months after the start</source>
        <translation>か月後（開始日から）</translation>
    </message>
    <message>
        <source>months from the fiscal year end (-3 = three months before)</source>
        <translation>か月（決算月から。-3 は決算3か月前）</translation>
    </message>
    <message>
        <source>Cadences</source>
        <translation>ケイデンスの編集</translation>
    </message>
    <message>
        <source>New cadence</source>
        <translation>新しいケイデンス</translation>
    </message>
    <message>
        <source>Delete cadence</source>
        <translation>ケイデンスを削除</translation>
    </message>
    <message>
        <source>Delete the selected cadence</source>
        <translation>選択したケイデンスを削除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>an appointment</source>
        <translation>アポ獲得</translation>
    </message>
    <message>
        <source>Stop on an appointment</source>
        <translation>アポ獲得で停止</translation>
    </message>
    <message>
        <source>do not call / disqualified</source>
        <translation>架電不可・対象外</translation>
    </message>
    <message>
        <source>Stop when do not call or disqualified</source>
        <translation>架電不可・対象外になったら停止</translation>
    </message>
    <message>
        <source>a reply (connected)</source>
        <translation>担当者接続</translation>
    </message>
    <message>
        <source>Stop on a reply</source>
        <translation>担当者接続で停止</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>Counted as</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Hypothesis to check</source>
        <translation>確認する仮説</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>ステップを追加</translation>
    </message>
    <message>
        <source>Add a step</source>
        <translation>ステップを追加</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>ステップを削除</translation>
    </message>
    <message>
        <source>Remove the selected step</source>
        <translation>選択したステップを削除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move the step up</source>
        <translation>ステップを上へ移動</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Move the step down</source>
        <translation>ステップを下へ移動</translation>
    </message>
    <message>
        <source>Days fall on business days (weekends, holidays and the closures of the call settings are skipped). Plans already made keep their days.</source>
        <translation>予定日は営業日に置かれます（土日・祝日と架電設定の休業日は避けます）。作成済みの予定の日付は変わりません。</translation>
    </message>
    <message>
        <source>About steps</source>
        <translation>ステップについて</translation>
    </message>
    <message>
        <source>Stops on</source>
        <translation>停止する条件</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Save cadences</source>
        <translation>ケイデンスを保存</translation>
    </message>
    <message>
        <source>Delete the cadence "%1"? Plans already made from it stay as they are. Nothing is deleted until you press Save.</source>
        <translation>ケイデンス「%1」を削除しますか？作成済みの予定はそのまま残ります。「保存」を押すまで削除されません。</translation>
    </message>
    <message>
        <source>Interval of step %1</source>
        <translation>ステップ%1の間隔</translation>
    </message>
    <message>
        <source>How step %1 is counted</source>
        <translation>ステップ%1の単位</translation>
    </message>
    <message>
        <source>Kind of step %1</source>
        <translation>ステップ%1の種類</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>%1番目</translation>
    </message>
    <message>
        <source>Cadence "%1": %2</source>
        <translation>ケイデンス「%1」：%2</translation>
    </message>
</context>
<context>
    <name>CallTimer</name>
    <message>
        <source>Call time</source>
        <translation>通話時間</translation>
    </message>
    <message>
        <source>Start timer (T)</source>
        <translation>タイマー開始 (T)</translation>
    </message>
    <message>
        <source>Start or stop the call timer</source>
        <translation>通話タイマーの開始・停止</translation>
    </message>
    <message>
        <source>Stop timer (T)</source>
        <translation>タイマー停止 (T)</translation>
    </message>
</context>
<context>
    <name>CallerName</name>
    <message>
        <source>Your name (caller)</source>
        <translation>お名前（担当者名）</translation>
    </message>
    <message>
        <source>e.g. 高橋 由美</source>
        <translation>例：高橋 由美</translation>
    </message>
    <message>
        <source>Recorded with every call, plan and meeting you log, and printed as 担当IS on briefing sheets.</source>
        <translation>記録する架電・予定・商談に残り、ブリーフィングシートには「担当IS」として印刷されます。</translation>
    </message>
    <message>
        <source>Change the caller's name</source>
        <translation>担当者名の変更</translation>
    </message>
</context>
<context>
    <name>CallerNameDialog</name>
    <message>
        <source>Caller name</source>
        <translation>担当者名</translation>
    </message>
    <message>
        <source>Changing it applies from now on: what was already recorded keeps the name it was recorded with.</source>
        <translation>変更はこれから記録するものに反映されます。すでに記録したものは、記録したときの名前のままです。</translation>
    </message>
    <message>
        <source>About the caller's name</source>
        <translation>担当者名について</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Your &amp;name (caller)</source>
        <translation>お名前（担当者名）(&amp;N)</translation>
    </message>
    <message>
        <source>Save the name</source>
        <translation>名前を保存</translation>
    </message>
</context>
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
    <name>CompanyPickModel</name>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
</context>
<context>
    <name>CompanyPickerDialog</name>
    <message>
        <source>New meeting: choose the company</source>
        <translation>新規商談：会社を選択</translation>
    </message>
    <message>
        <source>Choose the company</source>
        <translation>会社を選択</translation>
    </message>
    <message>
        <source>Search companies</source>
        <translation>会社を検索</translation>
    </message>
    <message>
        <source>Name, reading, phone or address</source>
        <translation>会社名・フリガナ・電話番号・住所</translation>
    </message>
    <message>
        <source>Matching companies</source>
        <translation>該当する会社</translation>
    </message>
    <message>
        <source>Choose this company</source>
        <translation>この会社を選択</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>No company matches. Try fewer or other words.</source>
        <translation>該当する会社がありません。語句を減らすか、別の語句でお試しください。</translation>
    </message>
    <message>
        <source>Showing the first %1 matches; type more to narrow them down.</source>
        <translation>先頭の %1 件を表示しています。語句を追加すると絞り込めます。</translation>
    </message>
</context>
<context>
    <name>CompletePlanDialog</name>
    <message>
        <source>Complete plan</source>
        <translation>予定の完了</translation>
    </message>
    <message>
        <source>Did the hypothesis hold?</source>
        <translation>仮説は当たりましたか？</translation>
    </message>
    <message>
        <source>(this plan has no hypothesis)</source>
        <translation>（この予定には仮説がありません）</translation>
    </message>
    <message>
        <source>&amp;Held</source>
        <translation>当たり(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Missed</source>
        <translation>外れ(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Unknown</source>
        <translation>不明(&amp;U)</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了にする</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ConflictFields</name>
    <message>
        <source>Company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>関係</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>架電</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>List member</source>
        <translation>リストの会社</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
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
        <source>Industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>事業内容</translation>
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
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Webサイト</translation>
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
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
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
        <source>Due</source>
        <translation>予定日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1・%2</translation>
    </message>
</context>
<context>
    <name>ConflictStatus</name>
    <message>
        <source>Click to see the conflicts and choose which value stands.</source>
        <translation>クリックすると競合の一覧を開き、どちらの値を残すか選べます。</translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation>競合 %1 件</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>(empty)</source>
        <translation>（空欄）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>When two people changed the same field before syncing, the later change is in force and the other value is kept here. Keep the value in force, or take the other value back; Ctrl+Z undoes either. Your choice reaches the team at the next sync.</source>
        <translation>同期の前に 2 人が同じ項目を変更したときは、あとの変更が反映され、もう一方の値がここに残ります。反映中の値のままにするか、もう一方の値に戻すかを選んでください。どちらも Ctrl+Z で取り消せます。選んだ結果は次の同期でチームに届きます。</translation>
    </message>
    <message>
        <source>There are no open conflicts.</source>
        <translation>未解決の競合はありません。</translation>
    </message>
    <message>
        <source>Show &amp;resolved</source>
        <translation>解決済みも表示(&amp;R)</translation>
    </message>
    <message>
        <source>Show resolved conflicts too</source>
        <translation>解決済みの競合も表示します</translation>
    </message>
    <message>
        <source>&amp;Keep the value in force</source>
        <translation>反映中の値のままにする(&amp;K)</translation>
    </message>
    <message>
        <source>Keep the value in force and close the conflict</source>
        <translation>反映中の値を残して、この競合を解決済みにします</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>もう一方の値に戻す(&amp;T)</translation>
    </message>
    <message>
        <source>Write the other value back and close the conflict</source>
        <translation>もう一方の値を書き戻して、この競合を解決済みにします</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Keep the value of %1</source>
        <translation>%1 の値をそのままにする</translation>
    </message>
    <message>
        <source>Take the other value of %1</source>
        <translation>%1 をもう一方の値に戻す</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Open</source>
        <translation>未解決</translation>
    </message>
    <message>
        <source>Other value taken by %1</source>
        <translation>%1さんがもう一方の値に戻しました</translation>
    </message>
    <message>
        <source>Kept by %1</source>
        <translation>%1さんが反映中の値を残しました</translation>
    </message>
    <message>
        <source>(account not on this computer)</source>
        <translation>（このパソコンにない会社）</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value in force</source>
        <translation>反映中の値</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>変更した人</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>もう一方の値</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
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
    <name>DraftKeeping</name>
    <message>
        <source>Input put back</source>
        <translation>復元した入力</translation>
    </message>
    <message>
        <source>About the input put back</source>
        <translation>復元した入力について</translation>
    </message>
    <message>
        <source>Discard d&amp;raft</source>
        <translation>下書きを破棄(&amp;R)</translation>
    </message>
    <message>
        <source>Discard the input put back</source>
        <translation>復元した入力を破棄</translation>
    </message>
    <message>
        <source>What you typed could not be kept: %1</source>
        <translation>入力内容を一時保存できませんでした：%1</translation>
    </message>
    <message>
        <source>Put back what you typed at %1 and had not saved. Enter saves it; Alt+R discards it.</source>
        <translation>%1 に入力して未保存だった内容を復元しました。Enter で保存、Alt+R で破棄します。</translation>
    </message>
    <message>
        <source>a note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Unsaved call</source>
        <translation>未保存の架電結果</translation>
    </message>
    <message>
        <source>The call with %1 (%2) has not been saved yet. Save it before leaving?</source>
        <translation>%1 への架電結果（%2）はまだ保存されていません。保存しますか？</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>破棄(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>重複先の会社</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Same corporate number</source>
        <translation>法人番号が同じ</translation>
    </message>
    <message>
        <source>Same phone number</source>
        <translation>電話番号が同じ</translation>
    </message>
    <message>
        <source>Same name and address</source>
        <translation>会社名と住所が同じ</translation>
    </message>
    <message>
        <source>Filled its empty fields</source>
        <translation>空欄を補った（更新）</translation>
    </message>
    <message>
        <source>Nothing new</source>
        <translation>新しい値なし（重複）</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>%1 行目の %2</translation>
    </message>
</context>
<context>
    <name>Encryption</name>
    <message>
        <source>Encrypting the database and its backups…</source>
        <translation>データベースとバックアップを暗号化しています…</translation>
    </message>
    <message>
        <source>Removing the encryption of the database and its backups…</source>
        <translation>データベースとバックアップの暗号化を解除しています…</translation>
    </message>
    <message>
        <source>Encrypting the database and its backups with the new passphrase…</source>
        <translation>新しいパスフレーズでデータベースとバックアップを暗号化し直しています…</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <source>The database %1 is now encrypted.</source>
        <translation>データベース %1 を暗号化しました。</translation>
    </message>
    <message>
        <source>The database %1 is no longer encrypted.</source>
        <translation>データベース %1 の暗号化を解除しました。</translation>
    </message>
    <message>
        <source>The passphrase of the database %1 was changed.</source>
        <translation>データベース %1 のパスフレーズを変更しました。</translation>
    </message>
    <message>
        <source>The passphrase is saved in the keychain; Kakeru opens without asking.</source>
        <translation>パスフレーズはキーチェーンに保存しました。次回からは入力しなくても Kakeru が開きます。</translation>
    </message>
    <message>
        <source>The passphrase is asked each time Kakeru starts.</source>
        <translation>パスフレーズは、Kakeru を起動するたびにお尋ねします。</translation>
    </message>
</context>
<context>
    <name>EncryptionDialog</name>
    <message>
        <source>Encrypt the database</source>
        <translation>データベースの暗号化</translation>
    </message>
    <message>
        <source>Remove the encryption</source>
        <translation>暗号化の解除</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>パスフレーズの変更</translation>
    </message>
    <message>
        <source>Kakeru encrypts the database and every backup of it with a passphrase, so a lost or stolen laptop shows nothing of your customers. The passphrase is asked when Kakeru starts, unless you save it in the keychain. If you forget it, neither the database nor its backups can be opened again: keep it somewhere safe.</source>
        <translation>データベースとそのバックアップをすべてパスフレーズで暗号化します。ノートパソコンを紛失したり盗まれたりしても、お客様の情報は読み取られません。パスフレーズは Kakeru の起動時にお尋ねします（キーチェーンに保存した場合を除きます）。パスフレーズを忘れると、データベースもバックアップも二度と開けません。安全な場所に控えてください。</translation>
    </message>
    <message>
        <source>Kakeru stores the database and its backups unencrypted again: anyone with the file can then read it. Enter the current passphrase to confirm.</source>
        <translation>データベースとバックアップを暗号化しない状態に戻します。解除すると、ファイルを手にした人は誰でも中身を読めるようになります。確認のため、現在のパスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>Kakeru encrypts the database and its backups with the new passphrase; the old one opens none of them afterwards.</source>
        <translation>データベースとバックアップを新しいパスフレーズで暗号化し直します。変更後は、古いパスフレーズではどれも開けなくなります。</translation>
    </message>
    <message>
        <source>Kakeru closes the window, backs the database up first, converts it and opens it again.</source>
        <translation>ウィンドウをいったん閉じ、先にバックアップを作成してから変換し、もう一度開きます。</translation>
    </message>
    <message>
        <source>About encryption</source>
        <translation>暗号化について</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>現在のパスフレーズ</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase</source>
        <translation>現在のパスフレーズ(&amp;U)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>暗号化する(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Remove the encryption</source>
        <translation>暗号化を解除する(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Change the passphrase</source>
        <translation>パスフレーズを変更する(&amp;C)</translation>
    </message>
    <message>
        <source>That is not the current passphrase. Nothing was changed.</source>
        <translation>現在のパスフレーズと一致しません。何も変更していません。</translation>
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
    <name>FeedbackDialog</name>
    <message>
        <source>Meeting feedback</source>
        <translation>商談のフィードバック</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>理由を選ぶか入力してください</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>商談の内容</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>次のステップ</translation>
    </message>
    <message>
        <source>Order amount (yen)</source>
        <translation>受注額（円）</translation>
    </message>
    <message>
        <source>e.g. 1200000 or 120万</source>
        <translation>例: 1200000 または 120万</translation>
    </message>
    <message>
        <source>What differed from the brief</source>
        <translation>事前情報との違い</translation>
    </message>
    <message>
        <source>What the field found that the brief did not say</source>
        <translation>ブリーフィングシートになかったこと、違っていたこと</translation>
    </message>
    <message>
        <source>Plan the next touch</source>
        <translation>次回の接触を予定する</translation>
    </message>
    <message>
        <source>Next touch date</source>
        <translation>次回の接触日</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Why this date: e.g. budget is set in March</source>
        <translation>この日にする理由（例: 3月に予算が決まる）</translation>
    </message>
    <message>
        <source>What the outcome asks for</source>
        <translation>結果に応じて必要な入力</translation>
    </message>
    <message>
        <source>Next touch</source>
        <translation>次回の接触</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Differed from the brief</source>
        <translation>事前情報との違い</translation>
    </message>
    <message>
        <source>Save or cancel</source>
        <translation>保存またはキャンセル</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>The account moves to nurturing: a date and a hypothesis are required.</source>
        <translation>ナーチャリングに移ります。次回の接触日と仮説を入力してください。</translation>
    </message>
    <message>
        <source>A follow-up date is required.</source>
        <translation>次のフォローの予定日を入力してください。</translation>
    </message>
    <message>
        <source>Optional: plan a next touch.</source>
        <translation>必要に応じて次回の接触を予定できます。</translation>
    </message>
    <message>
        <source>Feedback not saved</source>
        <translation>フィードバックを保存できませんでした</translation>
    </message>
    <message>
        <source>Choose the outcome</source>
        <translation>結果を選んでください</translation>
    </message>
    <message>
        <source>Expected amount (yen)</source>
        <translation>見込み額（円）</translation>
    </message>
    <message>
        <source>Optional, e.g. 3000000 or 300万</source>
        <translation>任意。例: 3000000 または 300万</translation>
    </message>
    <message>
        <source>Earlier feedback</source>
        <translation>以前のフィードバック</translation>
    </message>
    <message>
        <source>Feedback was entered on %1 (%2). Saving replaces it, and a next touch it planned is taken back while still open.</source>
        <translation>%1 にフィードバック（%2）が入力済みです。保存すると置き換わり、そのとき登録した次回の予定は未実施なら取り消されます。</translation>
    </message>
    <message>
        <source>Choose the outcome first: it decides the next touch.</source>
        <translation>先に商談結果を選んでください。結果によって次の接触が決まります。</translation>
    </message>
    <message>
        <source>Required: choose or type a reason</source>
        <translation>必須：理由を選ぶか入力してください</translation>
    </message>
    <message>
        <source>Meeting not held yet</source>
        <translation>まだ行われていない商談</translation>
    </message>
    <message>
        <source>This meeting is planned for %1 and has not taken place yet. Record its outcome anyway?</source>
        <translation>この商談は %1 の予定で、まだ行われていません。それでも結果を記録しますか？</translation>
    </message>
</context>
<context>
    <name>FileCommands</name>
    <message>
        <source>Backup saved: %1</source>
        <translation>バックアップを保存しました: %1</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>バックアップから復元</translation>
    </message>
    <message>
        <source>Replace the current database with %1?

The current database is kept as a backup first (listed as "Before a restore"). Anything entered after that backup will not be in the restored database. Kakeru closes this window and reopens on the restored file.</source>
        <translation>現在のデータベースを「%1」で置き換えますか？

現在のデータベースは先にバックアップとして残します（一覧では「復元前」と表示されます）。このバックアップより後に入力した内容は、復元後のデータベースには含まれません。Kakeru はこの画面を閉じ、復元したファイルで開き直します。</translation>
    </message>
    <message>
        <source>E&amp;ncrypt…</source>
        <translation>暗号化(&amp;N)…</translation>
    </message>
    <message>
        <source>Remove encr&amp;yption…</source>
        <translation>暗号化を解除(&amp;Y)…</translation>
    </message>
    <message>
        <source>Change the &amp;passphrase…</source>
        <translation>パスフレーズの変更(&amp;P)…</translation>
    </message>
    <message>
        <source>Add demo data</source>
        <translation>デモデータの追加</translation>
    </message>
    <message>
        <source>The database already holds companies. Add 1,000 demo companies to it?</source>
        <translation>データベースにはすでに会社が登録されています。デモ用の会社 1,000 件を追加しますか？</translation>
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
        <source>Your &amp;name (caller)</source>
        <translation>お名前（担当者名）(&amp;N)</translation>
    </message>
    <message>
        <source>Recorded with every call, plan and meeting you log, and printed as 担当IS on briefing sheets. You can leave it empty and give it later under Edit → Caller name…</source>
        <translation>記録する架電・予定・商談に残り、ブリーフィングシートには「担当IS」として印刷されます。空欄のままでもかまいません。あとから「編集」メニューの「担当者名…」で入力できます。</translation>
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
    <message>
        <source>&amp;Encrypt the database with a passphrase</source>
        <translation>パスフレーズでデータベースを暗号化する(&amp;E)</translation>
    </message>
    <message>
        <source>Encrypt the database</source>
        <translation>データベースを暗号化する</translation>
    </message>
    <message>
        <source>Recommended on a laptop: a lost or stolen computer then shows nothing of your customers. The passphrase is asked when Kakeru starts, unless you save it in the keychain; if it is forgotten, the data cannot be opened again. You can also encrypt later from the File menu.</source>
        <translation>ノートパソコンでのご利用におすすめします。パソコンを紛失したり盗まれたりしても、お客様の情報は読み取られません。パスフレーズは起動時にお尋ねします（キーチェーンに保存した場合を除きます）。パスフレーズを忘れるとデータを開けなくなりますので、ご注意ください。あとから「ファイル」メニューで暗号化することもできます。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
</context>
<context>
    <name>FormParts</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>GoalsDialog</name>
    <message>
        <source>Monthly goals</source>
        <translation>月間目標</translation>
    </message>
    <message>
        <source>list %1</source>
        <translation>リスト「%1」</translation>
    </message>
    <message>
        <source>caller %1</source>
        <translation>担当者「%1」</translation>
    </message>
    <message>
        <source>every account</source>
        <translation>すべての会社</translation>
    </message>
    <message>
        <source>Goals for %1/%2 and the months after it (%3), until you set others. Leave a figure empty to set no goal for it.</source>
        <translation>%1年%2月以降の目標です（%3）。別の目標を設定するまで、翌月以降も同じ目標が続きます。目標を置かない指標は空欄にしてください。</translation>
    </message>
    <message>
        <source>About the goals</source>
        <translation>目標について</translation>
    </message>
    <message>
        <source>Goal: %1</source>
        <translation>目標: %1</translation>
    </message>
    <message>
        <source>No goal</source>
        <translation>目標なし</translation>
    </message>
    <message>
        <source>%1 a month</source>
        <translation>%1（月間）</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Save the goals</source>
        <translation>目標を保存</translation>
    </message>
    <message>
        <source>Set the goals</source>
        <translation>目標の設定</translation>
    </message>
</context>
<context>
    <name>HypothesisCheck</name>
    <message>
        <source>Did the hypothesis hold?</source>
        <translation>仮説は当たりましたか</translation>
    </message>
    <message>
        <source>The hypothesis to judge</source>
        <translation>当たり外れを記録する仮説</translation>
    </message>
    <message>
        <source>Held (H)</source>
        <translation>当たり (H)</translation>
    </message>
    <message>
        <source>Missed (M)</source>
        <translation>外れ (M)</translation>
    </message>
    <message>
        <source>Unknown (U)</source>
        <translation>不明 (U)</translation>
    </message>
    <message>
        <source>Did the hypothesis hold? “%1”</source>
        <translation>仮説は当たりましたか？「%1」</translation>
    </message>
</context>
<context>
    <name>HypothesisResultsView</name>
    <message>
        <source>All time</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>直近90日</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>直近12ヶ月</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>予定数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>実施</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>当たり</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>外れ</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未評価</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>的中率</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>担当者接続</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>アポ獲得</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>予定日</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Call outcome</source>
        <translation>架電結果</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Which hypotheses work</source>
        <translation>仮説の当たり外れ</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Hit rate = held ÷ (held + missed). Connected and appointments count the calls that fulfilled the plans.</source>
        <translation>的中率 ＝ 当たり ÷（当たり ＋ 外れ）。担当者接続とアポ獲得は、予定を実施した架電の結果を数えています。</translation>
    </message>
    <message>
        <source>How the table is counted</source>
        <translation>表の数え方</translation>
    </message>
    <message>
        <source>Edit templates…</source>
        <translation>テンプレートを編集…</translation>
    </message>
    <message>
        <source>Edit the hypothesis quick templates</source>
        <translation>仮説のクイックテンプレートを編集</translation>
    </message>
    <message>
        <source>Hypothesis templates</source>
        <translation>仮説テンプレート</translation>
    </message>
    <message>
        <source>Plans of the template</source>
        <translation>テンプレートの予定</translation>
    </message>
    <message>
        <source>Mark the selected plans:</source>
        <translation>選択した予定の結果：</translation>
    </message>
    <message>
        <source>Held (H)</source>
        <translation>当たり (H)</translation>
    </message>
    <message>
        <source>Missed (M)</source>
        <translation>外れ (M)</translation>
    </message>
    <message>
        <source>Unknown (U)</source>
        <translation>不明 (U)</translation>
    </message>
    <message>
        <source>Clear (Del)</source>
        <translation>クリア (Del)</translation>
    </message>
</context>
<context>
    <name>HypothesisTemplatesDialog</name>
    <message>
        <source>Hypothesis templates</source>
        <translation>仮説テンプレート</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add a template</source>
        <translation>テンプレートを追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected template</source>
        <translation>選択したテンプレートを削除</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>初期設定に戻す</translation>
    </message>
    <message>
        <source>Restore the default templates</source>
        <translation>テンプレートを初期設定に戻す</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Proposed day</source>
        <translation>提案する日付</translation>
    </message>
    <message>
        <source>Months from the fiscal year end month</source>
        <translation>決算月からの月数</translation>
    </message>
    <message>
        <source>Calendar months</source>
        <translation>月を指定</translation>
    </message>
    <message>
        <source>Months from today</source>
        <translation>今日からの月数</translation>
    </message>
    <message>
        <source>No proposal</source>
        <translation>提案しない</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>e.g. 4, 10</source>
        <translation>例: 4, 10</translation>
    </message>
    <message>
        <source>About the proposed day</source>
        <translation>提案する日付について</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Save templates</source>
        <translation>テンプレートを保存</translation>
    </message>
    <message>
        <source>-3 is three months before the fiscal year end month; 1 is the month after it. Accounts without a fiscal year end month get no proposal.</source>
        <translation>-3 は決算月の3ヶ月前、1 は決算月の翌月です。決算月が未登録のアカウントには日付を提案しません。</translation>
    </message>
    <message>
        <source>The first business day of the next of these months.</source>
        <translation>指定した月のうち、次に来る月の最初の営業日です。</translation>
    </message>
    <message>
        <source>This many months from today, on a business day.</source>
        <translation>今日からこの月数後の営業日です。</translation>
    </message>
    <message>
        <source>The template fills in the hypothesis only.</source>
        <translation>仮説の文章だけを入力します。</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>新しいテンプレート</translation>
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
    <name>KpiCharts</name>
    <message>
        <source>Calls</source>
        <translation>架電数</translation>
    </message>
    <message>
        <source>Connects</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>アポ数</translation>
    </message>
    <message>
        <source>Meetings held</source>
        <translation>商談化数</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>ファネル</translation>
    </message>
    <message>
        <source>Weekly trend</source>
        <translation>週次推移</translation>
    </message>
    <message>
        <source>Funnel (each share names its base)</source>
        <translation>ファネル（割合は何に対する値かを併記）</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Connects, appointments, meetings</source>
        <translation>接続・アポ・商談化</translation>
    </message>
</context>
<context>
    <name>KpiDecisions</name>
    <message>
        <source>Decision not added</source>
        <translation>決定事項を追加できませんでした</translation>
    </message>
    <message>
        <source>Delete decision</source>
        <translation>決定事項の削除</translation>
    </message>
</context>
<context>
    <name>KpiGoalsBar</name>
    <message>
        <source>Goals of the month</source>
        <translation>今月の目標</translation>
    </message>
    <message>
        <source>Goals…</source>
        <translation>目標…</translation>
    </message>
    <message>
        <source>Set the monthly goals</source>
        <translation>月間目標を設定</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>A saved view has no goals: choose all accounts or a list.</source>
        <translation>保存したビューには目標がありません。「すべて」かリストを選ぶと表示されます。</translation>
    </message>
    <message>
        <source>Rows that name no caller have no goals: choose a caller or the team.</source>
        <translation>担当者の記録がない行には目標がありません。担当者またはチーム全体を選んでください。</translation>
    </message>
    <message>
        <source>No goals for %1 yet. Set them with Goals…</source>
        <translation>%1の目標はまだありません。「目標…」から設定できます。</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>あと %1 件（未達）</translation>
    </message>
    <message>
        <source>met</source>
        <translation>達成</translation>
    </message>
    <message>
        <source>%1 a day</source>
        <translation>1日あたり %1 件</translation>
    </message>
    <message>
        <source>%1 business days left</source>
        <translation>残り営業日 %1 日</translation>
    </message>
    <message>
        <source>Goals %1 (%2):</source>
        <translation>%1の目標（%2）:</translation>
    </message>
</context>
<context>
    <name>KpiPage</name>
    <message>
        <source>This week</source>
        <translation>今週</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>先週</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>今月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>先月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>期間を指定</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再計算</translation>
    </message>
    <message>
        <source>Refresh the figures</source>
        <translation>数値を再計算</translation>
    </message>
    <message>
        <source>Recompute the figures (F5)</source>
        <translation>数値を再計算します（F5）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 出力…</translation>
    </message>
    <message>
        <source>Export the KPI tables to CSV</source>
        <translation>KPI の表を CSV に出力</translation>
    </message>
    <message>
        <source>Review sheet PDF…</source>
        <translation>週次レビュー PDF…</translation>
    </message>
    <message>
        <source>Save the weekly review sheet as PDF</source>
        <translation>週次レビューシートを PDF で保存</translation>
    </message>
    <message>
        <source>List quality…</source>
        <translation>リスト品質…</translation>
    </message>
    <message>
        <source>Save the list-quality report as PDF or CSV</source>
        <translation>リスト品質レポートを PDF または CSV で保存</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>主要指標</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>失注理由</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Loss reasons, most frequent first</source>
        <translation>失注理由（多い順）</translation>
    </message>
    <message>
        <source>Double-click a figure to list what it counts.</source>
        <translation>指標をダブルクリックすると、数えた対象の一覧を表示します。</translation>
    </message>
    <message>
        <source>What the list below shows</source>
        <translation>下の一覧の内容</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Accounts or touches behind the figure</source>
        <translation>指標の対象となった会社・接触</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>一覧を出力…</translation>
    </message>
    <message>
        <source>Export this list to CSV</source>
        <translation>この一覧を CSV に出力</translation>
    </message>
    <message>
        <source>Call these…</source>
        <translation>この一覧に架電…</translation>
    </message>
    <message>
        <source>Start a call session on these accounts</source>
        <translation>この一覧の会社で架電セッションを開始</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>決定事項</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>起票</translation>
    </message>
    <message>
        <source>Decisions and next actions</source>
        <translation>決定事項とネクストアクション</translation>
    </message>
    <message>
        <source>Decision or next action</source>
        <translation>決定事項またはネクストアクション</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add the decision</source>
        <translation>決定事項を追加</translation>
    </message>
    <message>
        <source>Done / not done</source>
        <translation>完了／未完了</translation>
    </message>
    <message>
        <source>Mark the chosen decision done or not done</source>
        <translation>選んだ決定事項を完了または未完了にする</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete the chosen decision</source>
        <translation>選んだ決定事項を削除</translation>
    </message>
    <message>
        <source>Loss reasons</source>
        <translation>失注理由</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>By caller</source>
        <translation>担当者別</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>すべての会社</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>チーム全体</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>担当者: %1</translation>
    </message>
    <message>
        <source>List: %1</source>
        <translation>リスト: %1</translation>
    </message>
    <message>
        <source>View: %1</source>
        <translation>ビュー: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 の%1</translation>
    </message>
    <message>
        <source>Cannot compute the KPIs</source>
        <translation>KPI を計算できません</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1: %2 件</translation>
    </message>
    <message>
        <source>Export the KPI tables</source>
        <translation>KPI の表を出力</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>一覧を出力</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>出力できませんでした</translation>
    </message>
    <message>
        <source>Save the weekly review sheet</source>
        <translation>週次レビューシートを保存</translation>
    </message>
    <message>
        <source>Every caller side by side</source>
        <translation>担当者別の数値</translation>
    </message>
    <message>
        <source>A caller's target and pace are the goals set for that caller (choose the caller as the scope, then Goals…). Double-click a cell to list what it counts.</source>
        <translation>担当者の行の目標とペースは、その担当者に設定した目標です（対象で担当者を選び「目標…」で設定します）。セルをダブルクリックすると、その数値の対象を一覧できます。</translation>
    </message>
    <message>
        <source>Team review sheet</source>
        <translation>チームのレビューシート</translation>
    </message>
    <message>
        <source>Save the team's review sheet as PDF</source>
        <translation>チームのレビューシートを PDF で保存</translation>
    </message>
    <message>
        <source>Callers side by side…</source>
        <translation>担当者別の一覧…</translation>
    </message>
    <message>
        <source>Side by side, then a sheet per caller…</source>
        <translation>担当者別の一覧と、担当者ごとのシート…</translation>
    </message>
    <message>
        <source>Save the team's review sheet</source>
        <translation>チームのレビューシートを保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Review sheet not saved</source>
        <translation>週次レビューシートを保存できませんでした</translation>
    </message>
    <message>
        <source>Save the list-quality report</source>
        <translation>リスト品質レポートの保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;CSV files (*.csv)</source>
        <translation>PDF ファイル (*.pdf);;CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>List-quality report not saved</source>
        <translation>リスト品質レポートを保存できませんでした</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>今期</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>前期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>増減</translation>
    </message>
    <message>
        <source>(now)</source>
        <translation>（現時点）</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Appointment target</source>
        <translation>アポ目標</translation>
    </message>
    <message>
        <source>Pace needed</source>
        <translation>必要なペース</translation>
    </message>
    <message>
        <source>A caller's target and pace are the goals set for that caller (choose the caller as the scope, then Goals…); the team's row has the team's goals.</source>
        <translation>担当者の行の目標とペースは、その担当者に設定した目標です（対象で担当者を選び「目標…」で設定します）。チーム合計の行はチームの目標です。</translation>
    </message>
    <message>
        <source>Team total</source>
        <translation>チーム合計</translation>
    </message>
    <message>
        <source>(no caller recorded)</source>
        <translation>（担当者の記録なし）</translation>
    </message>
    <message>
        <source>(left)</source>
        <translation>（退任）</translation>
    </message>
    <message>
        <source>Double-click to list what it counts.</source>
        <translation>ダブルクリックで対象の一覧を表示します。</translation>
    </message>
    <message>
        <source>This review</source>
        <translation>今回</translation>
    </message>
    <message>
        <source>Overdue: past its due day</source>
        <translation>期限超過: 期限を過ぎています</translation>
    </message>
</context>
<context>
    <name>LeadTimePanel</name>
    <message>
        <source>Last 7 days</source>
        <translation>直近7日</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>直近30日</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>直近90日</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>今月</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>予定日</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>実施日</translation>
    </message>
    <message>
        <source>Business days late</source>
        <translation>遅れ（営業日）</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
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
        <source>Silent days</source>
        <translation>放置日数</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation>リードタイム</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Days without a touch</source>
        <translation>接触していない日数</translation>
    </message>
    <message>
        <source> days</source>
        <translation>日</translation>
    </message>
    <message>
        <source>On-time share</source>
        <translation>予定日どおりの割合</translation>
    </message>
    <message>
        <source>Median delay</source>
        <translation>遅れの中央値</translation>
    </message>
    <message>
        <source>90th percentile delay</source>
        <translation>遅れの90パーセンタイル</translation>
    </message>
    <message>
        <source>Late plans</source>
        <translation>遅れた予定</translation>
    </message>
    <message>
        <source>Silent accounts</source>
        <translation>放置アカウント</translation>
    </message>
    <message>
        <source>Silent after</source>
        <translation>放置とみなす日数</translation>
    </message>
    <message>
        <source>Plans due in the period that were done, or are overdue. On time: done on the day or earlier. Delays count business days.</source>
        <translation>期間内が予定日で、実施済みまたは期限を過ぎた予定を数えています。予定日どおり＝予定日当日かそれより前に実施。遅れは営業日（土日・祝日・休業日を除く）で数えます。</translation>
    </message>
    <message>
        <source>How the figures are counted</source>
        <translation>数値の数え方</translation>
    </message>
    <message>
        <source>Accounts behind the figure</source>
        <translation>数値の内訳</translation>
    </message>
    <message>
        <source>Plans behind the figure</source>
        <translation>数値の内訳の予定</translation>
    </message>
    <message>
        <source>%1% (%2 of %3)</source>
        <translation>%1%（%3件中%2件）</translation>
    </message>
    <message>
        <source>%1 business days</source>
        <translation>%1営業日</translation>
    </message>
    <message>
        <source>Plans counted (on time and late)</source>
        <translation>対象の予定（予定日どおり・遅れ）</translation>
    </message>
    <message>
        <source>Done plans by delay</source>
        <translation>実施済みの予定（遅れの大きい順）</translation>
    </message>
    <message>
        <source>Late plans (done late or still open)</source>
        <translation>遅れた予定（遅れて実施・未実施）</translation>
    </message>
    <message>
        <source>Accounts without a touch for %1 days and no plan</source>
        <translation>%1日以上接触がなく、予定もないアカウント</translation>
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
        <source>&amp;Back up now</source>
        <translation>今すぐバックアップ(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>バックアップから復元(&amp;R)…</translation>
    </message>
    <message>
        <source>Open database &amp;location</source>
        <translation>データベースの場所を開く(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>チーム(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Assignments…</source>
        <translation>担当の割り当て(&amp;A)…</translation>
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
        <source>Caller &amp;name…</source>
        <translation>担当者名(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Scoring rules…</source>
        <translation>スコア設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Time &amp;zone…</source>
        <translation>タイムゾーン(&amp;Z)…</translation>
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
        <source>About Kakeru</source>
        <translation>Kakeru について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Kakeru %1&lt;/h3&gt;&lt;p&gt;Kakeru helps inside-sales callers work through target lists, nurture each account until the timing is right, and hand field sales a briefing sheet for every meeting they win.&lt;/p&gt;&lt;p&gt;Everything is stored on this computer in one file:&lt;br&gt;%2&lt;/p&gt;&lt;p&gt;Japanese font: BIZ UDPGothic (SIL Open Font License 1.1).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kakeru %1&lt;/h3&gt;&lt;p&gt;Kakeru は、インサイドセールス担当者がターゲットリストに沿って架電し、適切なタイミングまで各アカウントをナーチャリングし、獲得したアポごとにフィールドセールスへ商談ブリーフィングシートを渡すためのアプリです。&lt;/p&gt;&lt;p&gt;データはすべて、このパソコンの次のファイルに保存されています:&lt;br&gt;%2&lt;/p&gt;&lt;p&gt;日本語フォント: BIZ UDPゴシック（SIL Open Font License 1.1）&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MapEdits</name>
    <message>
        <source>Relationship map</source>
        <translation>相関図</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1様を追加</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1様を編集</translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation>%1様を「%2」に変更</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1様を削除</translation>
    </message>
    <message>
        <source>Mark %1 as moved or left</source>
        <translation>%1様を異動・退職にする</translation>
    </message>
    <message>
        <source>Mark %1 as in post</source>
        <translation>%1様を在籍に戻す</translation>
    </message>
    <message>
        <source>Kind of link</source>
        <translation>関係の種類</translation>
    </message>
    <message>
        <source>Link %1 and %2</source>
        <translation>%1様と%2様を関係づけ</translation>
    </message>
    <message>
        <source>Change link to %1</source>
        <translation>関係を「%1」に変更</translation>
    </message>
    <message>
        <source>Reverse link</source>
        <translation>関係の向きを反転</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>関係を編集</translation>
    </message>
    <message>
        <source>Delete link between %1 and %2</source>
        <translation>%1様と%2様の関係を削除</translation>
    </message>
    <message>
        <source>Move on the map</source>
        <translation>相関図上で移動</translation>
    </message>
    <message>
        <source>Tidy up the map</source>
        <translation>相関図の配置を整える</translation>
    </message>
    <message>
        <source>Map actions</source>
        <translation>相関図の操作</translation>
    </message>
    <message>
        <source>Edit details…</source>
        <translation>詳細を編集…</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Link to</source>
        <translation>関係を結ぶ相手</translation>
    </message>
    <message>
        <source>Mark as moved or left…</source>
        <translation>異動・退職を記録…</translation>
    </message>
    <message>
        <source>Edit move or departure…</source>
        <translation>異動・退職の内容を編集…</translation>
    </message>
    <message>
        <source>Mark as in post again</source>
        <translation>在籍に戻す</translation>
    </message>
    <message>
        <source>Delete person</source>
        <translation>人物を削除</translation>
    </message>
    <message>
        <source>Edit link…</source>
        <translation>関係を編集…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Reverse direction</source>
        <translation>向きを逆にする</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>関係を削除</translation>
    </message>
    <message>
        <source>Add person here…</source>
        <translation>ここに人物を追加…</translation>
    </message>
    <message>
        <source>Tidy up</source>
        <translation>配置を整える</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
</context>
<context>
    <name>MapLinkDialog</name>
    <message>
        <source>Link details</source>
        <translation>関係の詳細</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Kind of link</source>
        <translation>関係の種類</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>時点</translation>
    </message>
    <message>
        <source>e.g. 2025-04-01</source>
        <translation>例: 2025-04-01</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>情報源</translation>
    </message>
    <message>
        <source>Who told you, e.g. heard from Ms Sato</source>
        <translation>誰から聞いたか（例: 佐藤様より）</translation>
    </message>
    <message>
        <source>Save link</source>
        <translation>関係を保存</translation>
    </message>
</context>
<context>
    <name>MapMovedDialog</name>
    <message>
        <source>Moved or left</source>
        <translation>異動・退職</translation>
    </message>
    <message>
        <source>%1 is no longer in this post.</source>
        <translation>%1様の異動・退職を記録します。</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Successor</source>
        <translation>後任</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>まだ分からない</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Relationship map</source>
        <translation>相関図</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>人物を追加…</translation>
    </message>
    <message>
        <source>Add a person to this account's map (Insert)</source>
        <translation>この会社の相関図に人物を追加します（Insert）</translation>
    </message>
    <message>
        <source>Draw links</source>
        <translation>関係を結ぶ</translation>
    </message>
    <message>
        <source>Drag from one person to another to link them (L; Shift+drag works at any time)</source>
        <translation>人物から人物へドラッグして関係を結びます（L。Shift を押しながらのドラッグはいつでも使えます）</translation>
    </message>
    <message>
        <source>Tidy up</source>
        <translation>配置を整える</translation>
    </message>
    <message>
        <source>Arrange the map by department, bosses above (T)</source>
        <translation>部署ごとに、上司を上にして配置を整えます（T）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>拡大（Ctrl++）</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>縮小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Show the whole map (Ctrl+0)</source>
        <translation>相関図の全体を表示します（Ctrl+0）</translation>
    </message>
    <message>
        <source>Show us</source>
        <translation>自社を表示</translation>
    </message>
    <message>
        <source>Show our own card, linked to the people we reached</source>
        <translation>自社のカードを表示し、接点のある方と結びます</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG で書き出し…</translation>
    </message>
    <message>
        <source>Save the map as a picture</source>
        <translation>相関図を画像として保存します</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>SVG で書き出し…</translation>
    </message>
    <message>
        <source>Save the map as a vector drawing</source>
        <translation>相関図をベクター図として保存します</translation>
    </message>
    <message>
        <source>%1 map</source>
        <translation>%1_相関図</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 図 (*.svg)</translation>
    </message>
    <message>
        <source>Export the map</source>
        <translation>相関図の書き出し</translation>
    </message>
    <message>
        <source>Could not write %1. Choose another folder and try again.</source>
        <translation>%1 に保存できませんでした。別のフォルダーを選んで、もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>MapPeopleModel</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
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
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Last spoken</source>
        <translation>最後に話した日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>在籍状況</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>未接触</translation>
    </message>
</context>
<context>
    <name>MapPeopleView</name>
    <message>
        <source>People on the map</source>
        <translation>相関図の人物一覧</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Successor</source>
        <translation>後任</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>自社</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>メモ: %1</translation>
    </message>
    <message>
        <source>As of: %1</source>
        <translation>時点: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>情報源: %1</translation>
    </message>
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
    <name>MeetingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>商談を編集</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新しい商談</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>商談日</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation>所要時間（分）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Online meeting URL</source>
        <translation>オンライン会議の URL</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Field sales rep</source>
        <translation>フィールドセールス担当</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>No contacts are recorded for this company yet.</source>
        <translation>この会社の担当者はまだ登録されていません。</translation>
    </message>
    <message>
        <source>Needs / issues</source>
        <translation>課題・ニーズ</translation>
    </message>
    <message>
        <source>Current situation</source>
        <translation>現状</translation>
    </message>
    <message>
        <source>Expectations</source>
        <translation>期待</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>懸念</translation>
    </message>
    <message>
        <source>The person's character</source>
        <translation>お人柄</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>予算</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>時期</translation>
    </message>
    <message>
        <source>Decision process</source>
        <translation>決裁プロセス</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Not heard yet</source>
        <translation>聞けていないこと</translation>
    </message>
    <message>
        <source>Questions to ask</source>
        <translation>商談で確認すること</translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation>注意点</translation>
    </message>
    <message>
        <source>Meeting form sections</source>
        <translation>商談フォームの区分</translation>
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation>商談(&amp;M)</translation>
    </message>
    <message>
        <source>Caller's &amp;notes</source>
        <translation>架電担当のメモ(&amp;N)</translation>
    </message>
    <message>
        <source>Problem with the form</source>
        <translation>入力内容の問題</translation>
    </message>
    <message>
        <source>Meeting form buttons</source>
        <translation>商談フォームのボタン</translation>
    </message>
    <message>
        <source>Save meeting</source>
        <translation>商談を保存</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save the meeting</source>
        <translation>商談を保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Next free time</source>
        <translation>次の空き時間</translation>
    </message>
    <message>
        <source>Move to the field rep's next free time</source>
        <translation>担当営業の次の空き時間に移す</translation>
    </message>
    <message>
        <source>The field rep's schedule</source>
        <translation>担当営業の予定</translation>
    </message>
    <message>
        <source>Double booking: %1 already has a meeting at this time (%2).</source>
        <translation>ダブルブッキング：%1さんはこの時間に別の商談があります（%2）。</translation>
    </message>
    <message>
        <source>Proposed: the first time in the call windows that is free in %1's schedule.</source>
        <translation>架電時間帯のうち、%1さんの予定が空いている最初の時刻を提案しています。</translation>
    </message>
    <message>
        <source>Double booking</source>
        <translation>ダブルブッキング</translation>
    </message>
    <message>
        <source>%1 already has a meeting at this time: %2. Book this one anyway?</source>
        <translation>%1さんはこの時間にすでに商談があります（%2）。それでもこの商談を登録しますか？</translation>
    </message>
</context>
<context>
    <name>MeetingsModel</name>
    <message>
        <source>Date and time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Field rep</source>
        <translation>担当営業</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>商談結果</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Feedback awaited</source>
        <translation>結果未入力</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>Delete the meeting with %1 on %2</source>
        <translation>%1との商談（%2）を削除</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>商談の削除</translation>
    </message>
    <message>
        <source>Deleted the meeting with %1 on %2.</source>
        <translation>%1との商談（%2）を削除しました。</translation>
    </message>
    <message>
        <source>Briefing sheet</source>
        <translation>ブリーフィングシート</translation>
    </message>
    <message>
        <source>Briefing sheets</source>
        <translation>ブリーフィングシート</translation>
    </message>
    <message>
        <source>Which meetings</source>
        <translation>表示する商談</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>今後の商談</translation>
    </message>
    <message>
        <source>Past</source>
        <translation>過去の商談</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>期間を指定</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>Field rep</source>
        <translation>担当営業</translation>
    </message>
    <message>
        <source>All field reps</source>
        <translation>すべての担当営業</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべてのステータス</translation>
    </message>
    <message>
        <source>Number of meetings shown</source>
        <translation>表示中の商談の件数</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>新規商談…</translation>
    </message>
    <message>
        <source>Create a meeting</source>
        <translation>商談を作成</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Edit the selected meeting</source>
        <translation>選択した商談を編集</translation>
    </message>
    <message>
        <source>Enter outcome…</source>
        <translation>結果を入力…</translation>
    </message>
    <message>
        <source>Enter the field's outcome of the selected meeting</source>
        <translation>選択した商談のフィールドセールスからの結果を入力</translation>
    </message>
    <message>
        <source>Open account</source>
        <translation>アカウントを開く</translation>
    </message>
    <message>
        <source>Open the account of the selected meeting</source>
        <translation>選択した商談の会社のアカウントを開く</translation>
    </message>
    <message>
        <source>Briefing sheet…</source>
        <translation>ブリーフィングシート…</translation>
    </message>
    <message>
        <source>Preview, print or save the selected meeting's briefing sheet</source>
        <translation>選択した商談のブリーフィングシートをプレビュー・印刷・保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete the selected meeting</source>
        <translation>選択した商談を削除</translation>
    </message>
    <message>
        <source>Print all briefs for a date…</source>
        <translation>日付を指定してブリーフィングシートを一括印刷…</translation>
    </message>
    <message>
        <source>Print or save every briefing sheet of a date</source>
        <translation>指定した日のブリーフィングシートをまとめて印刷・保存</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>直前の操作</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Undo the delete</source>
        <translation>削除を元に戻す</translation>
    </message>
    <message>
        <source>No meetings</source>
        <translation>商談はありません</translation>
    </message>
    <message>
        <source>%1 meetings</source>
        <translation>%1 件の商談</translation>
    </message>
    <message>
        <source>No upcoming meetings. When a call ends with an appointment, its meeting appears here; you can also create one with New meeting… (Ctrl+N).</source>
        <translation>今後の商談はありません。架電でアポを獲得すると、その商談がここに表示されます。「新規商談…」（Ctrl+N）から作成することもできます。</translation>
    </message>
    <message>
        <source>No meeting matches these filters.</source>
        <translation>この条件に当てはまる商談はありません。</translation>
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
    <name>NewPassphraseFields</name>
    <message>
        <source>New passphrase</source>
        <translation>新しいパスフレーズ</translation>
    </message>
    <message>
        <source>The passphrase again</source>
        <translation>確認用のパスフレーズ</translation>
    </message>
    <message>
        <source>New &amp;passphrase</source>
        <translation>新しいパスフレーズ(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Again, to confirm</source>
        <translation>確認のためもう一度(&amp;A)</translation>
    </message>
</context>
<context>
    <name>NextTouchForm</name>
    <message>
        <source>Next touch</source>
        <translation>次回の接触</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明日</translation>
    </message>
    <message>
        <source>In 3 business days</source>
        <translation>3営業日後</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>来週</translation>
    </message>
    <message>
        <source>In 1 month</source>
        <translation>1ヶ月後</translation>
    </message>
    <message>
        <source>In 3 months</source>
        <translation>3ヶ月後</translation>
    </message>
    <message>
        <source>In 6 months</source>
        <translation>6ヶ月後</translation>
    </message>
    <message>
        <source>3 months before FY end</source>
        <translation>決算月の3ヶ月前</translation>
    </message>
    <message>
        <source>Alt+%1</source>
        <translation>Alt+%1</translation>
    </message>
    <message>
        <source>Next touch date</source>
        <translation>次回の接触日</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>日付なし</translation>
    </message>
    <message>
        <source>at</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>At a set time</source>
        <translation>時刻を指定</translation>
    </message>
    <message>
        <source>Next touch time</source>
        <translation>次回の接触時刻</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Why then? e.g. their hiring plan is drafted in January</source>
        <translation>なぜその時期か（例: 1月に次年度の採用計画を立てるため）</translation>
    </message>
    <message>
        <source>Use the hypothesis of the open plan</source>
        <translation>予定中の仮説を使う</translation>
    </message>
    <message>
        <source>About the next touch</source>
        <translation>次回の接触について</translation>
    </message>
    <message>
        <source>Edit &amp;meeting…</source>
        <translation>商談を編集(&amp;M)…</translation>
    </message>
    <message>
        <source>Edit the meeting</source>
        <translation>商談を編集</translation>
    </message>
    <message>
        <source>D&amp;ate</source>
        <translation>日付(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Hypothesis</source>
        <translation>仮説(&amp;H)</translation>
    </message>
    <message>
        <source>Choose an outcome: the next touch is proposed from the rules.</source>
        <translation>架電結果を選ぶと、ルールに沿って次回の接触が提案されます。</translation>
    </message>
    <message>
        <source>No next touch: the account leaves every queue.</source>
        <translation>次回の接触はありません。この会社はすべての架電リストから外れます。</translation>
    </message>
    <message>
        <source>Nurture: choose when to call again and write why then.</source>
        <translation>ナーチャリング: 次に連絡する日と、その時期にする理由（仮説）を入力してください。</translation>
    </message>
    <message>
        <source>Enter the day and time they asked to be called back.</source>
        <translation>先方が指定した折返しの日時を入力してください。</translation>
    </message>
    <message>
        <source>Proposed from the rules; change it if you know better.</source>
        <translation>ルールによる提案です。より良い時期がわかっていれば変更してください。</translation>
    </message>
    <message>
        <source>The meeting form opens to set the appointment.</source>
        <translation>商談フォームでアポの内容を入力します。</translation>
    </message>
    <message>
        <source>Meeting: %1 %2 %3</source>
        <translation>商談: %1 %2 %3</translation>
    </message>
    <message>
        <source>Use the open plan's hypothesis: %1</source>
        <translation>予定中の仮説を使う: %1</translation>
    </message>
</context>
<context>
    <name>OutcomeKeysDialog</name>
    <message>
        <source>Outcome keys</source>
        <translation>結果キーの割り当て</translation>
    </message>
    <message>
        <source>In a call session, the number keys choose these outcomes; another number changes the choice until the call is saved, and in the note digits are text. Put the ones you use most on the keys you reach most easily.</source>
        <translation>架電セッションでは、数字キーでこれらの結果を選びます。保存するまでは別の数字で選び直せ、メモ欄では数字はそのまま入力されます。よく使う結果を押しやすいキーに割り当ててください。</translation>
    </message>
    <message>
        <source>About outcome keys</source>
        <translation>結果キーについて</translation>
    </message>
    <message>
        <source>Outcomes by key</source>
        <translation>キーごとの結果</translation>
    </message>
    <message>
        <source>Up (Ctrl+↑)</source>
        <translation>上へ (Ctrl+↑)</translation>
    </message>
    <message>
        <source>Move the outcome to the key before</source>
        <translation>結果を一つ前のキーへ移動</translation>
    </message>
    <message>
        <source>Down (Ctrl+↓)</source>
        <translation>下へ (Ctrl+↓)</translation>
    </message>
    <message>
        <source>Move the outcome to the key after</source>
        <translation>結果を一つ後のキーへ移動</translation>
    </message>
    <message>
        <source>Default order</source>
        <translation>標準の順序に戻す</translation>
    </message>
    <message>
        <source>Restore the default order</source>
        <translation>標準の順序に戻す</translation>
    </message>
    <message>
        <source>Save the order</source>
        <translation>順序を保存</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <source>Call outcome</source>
        <translation>架電結果</translation>
    </message>
    <message>
        <source>Person on the line</source>
        <translation>通話相手</translation>
    </message>
    <message>
        <source>Reached a &amp;decision maker</source>
        <translation>キーパーソンに接触(&amp;D)</translation>
    </message>
    <message>
        <source>Reached a decision maker</source>
        <translation>キーパーソンに接触</translation>
    </message>
    <message>
        <source>&amp;Talking to</source>
        <translation>通話相手(&amp;T)</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>キー %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>What was said (Enter saves, Shift+Enter for a new line)</source>
        <translation>話した内容（Enter で保存、Shift+Enter で改行）</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>メモ(&amp;N)</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>ヒアリング</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>課題</translation>
    </message>
    <message>
        <source>Current situation</source>
        <translation>現状</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>予算</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>時期</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <translation>決裁者</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Why it cannot be saved</source>
        <translation>保存できない理由</translation>
    </message>
    <message>
        <source>Outcome (keys 1–9)</source>
        <translation>架電結果（キー 1〜9）</translation>
    </message>
    <message>
        <source>Reception / not named</source>
        <translation>受付・担当者不明</translation>
    </message>
    <message>
        <source>Earlier: %1 (%2)</source>
        <translation>前回: %1（%2）</translation>
    </message>
</context>
<context>
    <name>OutcomeSaving</name>
    <message>
        <source>Choose an outcome first (keys 1–9), or skip with S.</source>
        <translation>先に架電結果を選んでください（キー 1〜9）。スキップする場合は S を押してください。</translation>
    </message>
    <message>
        <source>Log %1 for %2</source>
        <translation>%2 に「%1」を記録</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <source>Save in the &amp;keychain</source>
        <translation>キーチェーンに保存(&amp;K)</translation>
    </message>
    <message>
        <source>Save the passphrase in the keychain</source>
        <translation>パスフレーズをキーチェーンに保存する</translation>
    </message>
    <message>
        <source>The operating system's password store (Keychain, Credential Manager, Secret Service) keeps it, and Kakeru opens without asking. Without it, the passphrase is asked at every start.</source>
        <translation>OS のパスワード保管庫（キーチェーン、資格情報マネージャー、Secret Service）に保存し、次回からは入力しなくても開けるようにします。保存しない場合は、起動のたびにお尋ねします。</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>キーチェーン</translation>
    </message>
    <message>
        <source>The passphrase saved in the keychain does not open this database (it may have been changed). Enter the current one.</source>
        <translation>キーチェーンに保存されたパスフレーズでは、このデータベースを開けませんでした（パスフレーズが変更された可能性があります）。現在のパスフレーズを入力してください。</translation>
    </message>
</context>
<context>
    <name>PlanAgendaModel</name>
    <message>
        <source>When</source>
        <translation>予定日時</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>作成元</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>本日</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>今週</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>来週</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>それ以降</translation>
    </message>
    <message>
        <source>showing the first %1</source>
        <translation>先頭の%1件を表示</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Edit plan</source>
        <translation>予定を編集</translation>
    </message>
    <message>
        <source>Add plan</source>
        <translation>予定を追加</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Set the date: %1</source>
        <translation>日付を設定: %1</translation>
    </message>
    <message>
        <source>At a set time</source>
        <translation>時刻を指定</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>(anyone)</source>
        <translation>（指定なし）</translation>
    </message>
    <message>
        <source>Hypothesis template</source>
        <translation>仮説テンプレート</translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation>（テンプレートなし）</translation>
    </message>
    <message>
        <source>About the template</source>
        <translation>テンプレートについて</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Why this day? e.g. their HR plan is drafted in January, so call in early December</source>
        <translation>なぜこの日に連絡するのか。例: 1月に人事計画を策定するため、12月上旬に架電</translation>
    </message>
    <message>
        <source>Quick picks</source>
        <translation>クイック選択</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>予定を保存</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明日</translation>
    </message>
    <message>
        <source>In 3 business days</source>
        <translation>3営業日後</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>来週</translation>
    </message>
    <message>
        <source>In 1 month</source>
        <translation>1ヶ月後</translation>
    </message>
    <message>
        <source>In 3 months</source>
        <translation>3ヶ月後</translation>
    </message>
    <message>
        <source>In 6 months</source>
        <translation>6ヶ月後</translation>
    </message>
    <message>
        <source>3 months before year end</source>
        <translation>決算月の3ヶ月前</translation>
    </message>
    <message>
        <source>Proposed day: %1 (%2)</source>
        <translation>提案日: %1（%2）</translation>
    </message>
    <message>
        <source>This account has no fiscal year end month, so the template cannot propose a day. Choose the day yourself, or enter the month on the account.</source>
        <translation>このアカウントは決算月が未登録のため、テンプレートから日付を提案できません。日付を選ぶか、アカウントに決算月を登録してください。</translation>
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
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>ドライブ</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>ファイルフォルダ</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>ショートカット</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>ファイルの場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>ページの順序(&amp;O):</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>1 枚あたりのページ数(&amp;P):</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Pages</source>
        <translation>ページ指定</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>印刷するページ(&amp;S):</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>両面印刷</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>しない</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>長辺とじ</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>短辺とじ</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>印刷するページや範囲をカンマで区切って指定します。範囲は 2 つの数字をハイフンでつないで指定します。例: 3,5-7,9 と指定すると 3、5、6、7、9 ページを印刷します。</translation>
    </message>
</context>
<context>
    <name>QuickPlanDialog</name>
    <message>
        <source>Plan</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新しい予定</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>At a time</source>
        <translation>時刻を指定</translation>
    </message>
    <message>
        <source>Plan at a time of day</source>
        <translation>時刻を指定して予定する</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>相手</translation>
    </message>
    <message>
        <source>(no contact)</source>
        <translation>（担当者未設定）</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Why then? e.g. their budget is set in January</source>
        <translation>なぜその時期か（例: 1月に予算が決まるため）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
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
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>バックアップから復元</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. The current database is first kept as a backup itself, then Kakeru reopens on the restored file.</source>
        <translation>戻したいバックアップを選んでください。現在のデータベースはまずバックアップとして残し、そのあと復元したファイルで Kakeru を開き直します。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>バックアップ一覧</translation>
    </message>
    <message>
        <source>There are no backups in the backups folder yet.</source>
        <translation>バックアップフォルダーにはまだバックアップがありません。</translation>
    </message>
    <message>
        <source>Choose a &amp;file…</source>
        <translation>ファイルを選択(&amp;F)…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルを選択</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>復元(&amp;R)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>ファイルから復元</translation>
    </message>
    <message>
        <source>Kakeru databases (*.db);;All files (*)</source>
        <translation>Kakeru のデータベース (*.db);;すべてのファイル (*)</translation>
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
        <source>Rows with a phone number to call</source>
        <translation>架電できる行（電話番号あり）</translation>
    </message>
    <message>
        <source>What makes rows uncallable</source>
        <translation>架電できない行の内訳</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>除外した行</translation>
    </message>
    <message>
        <source>Rows taken for a company already known, and why</source>
        <translation>既存の会社と重複した行とその理由</translation>
    </message>
    <message>
        <source>Duplicates: the row, the company it matched and why:</source>
        <translation>重複した行（どの会社と、なぜ重複と判断したか）:</translation>
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
        <source>Not callable: %1 without a phone number, %2 with one that is not a phone number; %3 rejected for their corporate number.</source>
        <translation>架電できない行: 電話番号なし %1 行、電話番号として読めない値 %2 行。法人番号の誤りで除外 %3 行。</translation>
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
    <name>ScoringRulesDialog</name>
    <message>
        <source>Scoring rules</source>
        <translation>スコア設定</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>A company's score is the sum of the points below. Point at a score in the Targets table to see how it was made. Saving scores every company again.</source>
        <translation>会社のスコアは、以下の点数の合計です。ターゲット表のスコアにマウスを重ねると内訳が表示されます。保存すると、すべての会社のスコアを計算し直します。</translation>
    </message>
    <message>
        <source>About the score</source>
        <translation>スコアについて</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add an industry</source>
        <translation>業種を追加</translation>
    </message>
    <message>
        <source>Add industries in use</source>
        <translation>登録済みの業種を追加</translation>
    </message>
    <message>
        <source>Add the industries of your companies that have no points</source>
        <translation>点数が未設定の、登録済みの業種を追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected industry</source>
        <translation>選択した業種を削除</translation>
    </message>
    <message>
        <source>From</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>To</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Add a band</source>
        <translation>区分を追加</translation>
    </message>
    <message>
        <source>Remove the selected band</source>
        <translation>選択した区分を削除</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Add a prefecture</source>
        <translation>都道府県を追加</translation>
    </message>
    <message>
        <source>Remove the selected prefecture</source>
        <translation>選択した都道府県を削除</translation>
    </message>
    <message>
        <source>Months before the fiscal year end</source>
        <translation>決算月までの月数</translation>
    </message>
    <message>
        <source> months or less</source>
        <translation> か月以内</translation>
    </message>
    <message>
        <source>Points for an approaching fiscal year end</source>
        <translation>決算月が近いときの点数</translation>
    </message>
    <message>
        <source>Fiscal year end within</source>
        <translation>決算月まで</translation>
    </message>
    <message>
        <source>0 months is the fiscal year end month itself; companies without a fiscal year end month get no points here.</source>
        <translation>0 か月は決算月そのものです。決算月が未登録の会社には、この点数は付きません。</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>ルール</translation>
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
        <source>Restore defaults</source>
        <translation>既定値に戻す</translation>
    </message>
    <message>
        <source>Put the default rules in the form</source>
        <translation>既定のルールをフォームに入れる</translation>
    </message>
    <message>
        <source>Save and score</source>
        <translation>保存してスコアを再計算</translation>
    </message>
    <message>
        <source>Points of industry %1</source>
        <translation>業種%1の点数</translation>
    </message>
    <message>
        <source>From, band %1</source>
        <translation>区分%1の下限</translation>
    </message>
    <message>
        <source> employees</source>
        <translation> 名</translation>
    </message>
    <message>
        <source>To, band %1</source>
        <translation>区分%1の上限</translation>
    </message>
    <message>
        <source>and more</source>
        <translation>上限なし</translation>
    </message>
    <message>
        <source>Points of band %1</source>
        <translation>区分%1の点数</translation>
    </message>
    <message>
        <source>Prefecture %1</source>
        <translation>都道府県%1</translation>
    </message>
    <message>
        <source>Points of prefecture %1</source>
        <translation>都道府県%1の点数</translation>
    </message>
    <message>
        <source>Industry %1 has no name.</source>
        <translation>%1行目の業種名が入力されていません。</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>業種</translation>
    </message>
    <message>
        <source>prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>The %1 "%2" is listed twice.</source>
        <translation>%1「%2」が2回登録されています。</translation>
    </message>
    <message>
        <source>Band %1 ends before it starts.</source>
        <translation>区分%1の上限が下限より小さくなっています。</translation>
    </message>
    <message>
        <source>Scoring every company…</source>
        <translation>すべての会社のスコアを計算しています…</translation>
    </message>
</context>
<context>
    <name>ScriptDialog</name>
    <message>
        <source>Talk script — %1</source>
        <translation>トークスクリプト — %1</translation>
    </message>
    <message>
        <source>Talk script</source>
        <translation>トークスクリプト</translation>
    </message>
    <message>
        <source>Hearing checklist, one item a line</source>
        <translation>ヒアリング項目（1行に1項目）</translation>
    </message>
    <message>
        <source>Script dialog buttons</source>
        <translation>スクリプト編集のボタン</translation>
    </message>
    <message>
        <source>Save the script</source>
        <translation>スクリプトを保存</translation>
    </message>
    <message>
        <source>Hearing checklist (one question a line)</source>
        <translation>ヒアリング項目（1行に1つの質問）</translation>
    </message>
</context>
<context>
    <name>SessionKeys</name>
    <message>
        <source>Keys</source>
        <translation>キー操作</translation>
    </message>
    <message>
        <source>Typing: digits are text · Esc back to the outcome keys · Enter save and next · Shift+Enter new line</source>
        <translation>入力中：数字もそのまま入力されます · Esc 結果キーに戻る · Enter 保存して次へ · Shift+Enter 改行</translation>
    </message>
    <message>
        <source>Keys: 1–9 outcome (another number changes it) · Tab note · Enter save and next · S skip · D dial · O account</source>
        <translation>1〜9 結果（別の数字で選び直し） · Tab メモへ · Enter 保存して次へ · S スキップ · D 発信 · O アカウント</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <source>Call session</source>
        <translation>架電セッション</translation>
    </message>
    <message>
        <source>The account being called</source>
        <translation>架電中のアカウント</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
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
        <source>Phone (click to call)</source>
        <translation>電話番号（クリックで発信）</translation>
    </message>
    <message>
        <source>Call (D); the timer starts</source>
        <translation>発信 (D)。タイマーが始まります</translation>
    </message>
    <message>
        <source>About the company</source>
        <translation>会社の概要</translation>
    </message>
    <message>
        <source>Open account (O)</source>
        <translation>アカウントを開く (O)</translation>
    </message>
    <message>
        <source>Open this account</source>
        <translation>このアカウントを開く</translation>
    </message>
    <message>
        <source>End session (E)</source>
        <translation>セッション終了 (E)</translation>
    </message>
    <message>
        <source>End the session and show the summary</source>
        <translation>セッションを終了してまとめを表示</translation>
    </message>
    <message>
        <source>Save and next (Enter)</source>
        <translation>保存して次へ (Enter)</translation>
    </message>
    <message>
        <source>Save the outcome and go to the next account</source>
        <translation>架電結果を保存して次のアカウントへ</translation>
    </message>
    <message>
        <source>Skip (S)</source>
        <translation>スキップ (S)</translation>
    </message>
    <message>
        <source>Skip this account</source>
        <translation>このアカウントをスキップ</translation>
    </message>
    <message>
        <source>Undo last (Ctrl+Z)</source>
        <translation>直前を取り消す (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo the last logged outcome</source>
        <translation>直前に記録した架電結果を取り消す</translation>
    </message>
    <message>
        <source>Account %1 of %2</source>
        <translation>%2件中 %1件目</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>スキップ %1件</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>電話番号なし</translation>
    </message>
    <message>
        <source>Rank %1</source>
        <translation>ランク%1</translation>
    </message>
    <message>
        <source>%1 employees</source>
        <translation>従業員 %1名</translation>
    </message>
    <message>
        <source>FY ends in month %1</source>
        <translation>%1月決算</translation>
    </message>
</context>
<context>
    <name>SkipPlanDialog</name>
    <message>
        <source>Skip plan</source>
        <translation>予定の見送り</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>見送りの理由</translation>
    </message>
    <message>
        <source>The person has left or moved</source>
        <translation>担当者が退職・異動した</translation>
    </message>
    <message>
        <source>Priority dropped</source>
        <translation>優先度が下がった</translation>
    </message>
    <message>
        <source>Replaced by another plan</source>
        <translation>別の予定に置き換えた</translation>
    </message>
    <message>
        <source>Duplicate plan</source>
        <translation>予定の重複</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>見送る</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Please give a reason for skipping.</source>
        <translation>見送りの理由を入力してください。</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Session summary</source>
        <translation>セッションのまとめ</translation>
    </message>
    <message>
        <source>Session finished</source>
        <translation>架電セッション終了</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>架電数</translation>
    </message>
    <message>
        <source>Connects</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>Decision-maker reaches</source>
        <translation>キーパーソン接触</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>アポ獲得</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>通話時間</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>&amp;Copy as text</source>
        <translation>テキストでコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the summary as text</source>
        <translation>まとめをテキストでコピー</translation>
    </message>
    <message>
        <source>&amp;Back to Today</source>
        <translation>今日の画面に戻る(&amp;B)</translation>
    </message>
    <message>
        <source>Close the session and go back to Today</source>
        <translation>セッションを閉じて今日の画面に戻る</translation>
    </message>
    <message>
        <source>The summary as text</source>
        <translation>まとめのテキスト</translation>
    </message>
    <message>
        <source>%1 of %2 accounts</source>
        <translation>%2件中 %1件</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>コピーしました。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Team sync</source>
        <translation>チームの同期</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>同期: %1</translation>
    </message>
    <message>
        <source>Sync: %1 · %2 waiting</source>
        <translation>同期: %1・未送信 %2 件</translation>
    </message>
    <message>
        <source>Click to open the team settings.</source>
        <translation>クリックするとチームの設定を開きます。</translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation>同期中…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>offline (last %1)</source>
        <translation>オフライン（最終 %1）</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未実施</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>たった今</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 時間前</translation>
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
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Join your team's server to share lists, calls and plans with your colleagues. Kakeru keeps working on this computer when the server cannot be reached, and syncs when it can.</source>
        <translation>チームのサーバーに参加すると、リスト・架電・予定を同僚と共有できます。サーバーに接続できないときもこのパソコンでそのまま作業でき、接続できるようになったら同期します。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>e.g. team.example.co.jp</source>
        <translation>例: team.example.co.jp</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>Or a connection string (DSN)</source>
        <translation>または接続文字列（DSN）</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>ログイン名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>(shown after the connection test)</source>
        <translation>（接続テストの後に表示されます）</translation>
    </message>
    <message>
        <source>Name on the team</source>
        <translation>チームでの表示名</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>サーバー(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>データベース(&amp;D)</translation>
    </message>
    <message>
        <source>or &amp;connection string</source>
        <translation>または接続文字列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Login</source>
        <translation>ログイン名(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <source>The password is kept in this computer's keychain, never in a file, so Kakeru can sync in the background.</source>
        <translation>パスワードはファイルではなく、このパソコンのキーチェーンに保存します。これにより Kakeru がバックグラウンドで同期できます。</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>接続テストの結果</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>接続テスト(&amp;T)</translation>
    </message>
    <message>
        <source>Test the connection to the team's server</source>
        <translation>チームのサーバーに接続できるか確かめます</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>参加(&amp;J)</translation>
    </message>
    <message>
        <source>Join the team with this file</source>
        <translation>このファイルでチームに参加します</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最終同期</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>未送信の変更</translation>
    </message>
    <message>
        <source>How the last sync went</source>
        <translation>前回の同期の結果</translation>
    </message>
    <message>
        <source>Kakeru syncs in the background every %1 minutes and when a call session ends.</source>
        <translation>Kakeru は %1 分ごとと架電セッションの終了時に、バックグラウンドで同期します。</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>未送信</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>今すぐ同期(&amp;S)</translation>
    </message>
    <message>
        <source>Sync with the team's server now</source>
        <translation>今すぐチームのサーバーと同期します</translation>
    </message>
    <message>
        <source>&amp;Leave the team…</source>
        <translation>チームから抜ける(&amp;L)…</translation>
    </message>
    <message>
        <source>Leave the team, keeping the data on this computer</source>
        <translation>このパソコンのデータを残したまま、チームから抜けます</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>競合(&amp;C)…</translation>
    </message>
    <message>
        <source>See the conflicts and choose which value stands</source>
        <translation>競合の一覧を開き、どちらの値を残すか選びます</translation>
    </message>
    <message>
        <source>%1 (login %2)</source>
        <translation>%1（ログイン名 %2）</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>まだ同期していません</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>&amp;Conflicts (%1)…</source>
        <translation>競合 %1 件(&amp;C)…</translation>
    </message>
    <message>
        <source>Synced: %1 sent, %2 received.</source>
        <translation>同期しました（送信 %1 件、受信 %2 件）。</translation>
    </message>
    <message>
        <source>Enter the server and the database (or a connection string).</source>
        <translation>サーバーとデータベース（または接続文字列）を入力してください。</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>ログイン名を入力してください。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Connected. You are a member of this team as %1.</source>
        <translation>接続できました。「%1」としてこのチームのメンバーです。</translation>
    </message>
    <message>
        <source>Connecting to the team's server…</source>
        <translation>チームのサーバーに接続しています…</translation>
    </message>
    <message>
        <source>Sending this file's %1 rows to the team and receiving the team's changes…</source>
        <translation>このファイルの %1 件のデータをチームに送信し、チームの変更を受信しています…</translation>
    </message>
    <message>
        <source>This computer has no usable keychain, so the password was not kept and Kakeru cannot sync with the team. Ask your administrator to set up a ~/.pgpass file (or PGPASSWORD) on this computer.</source>
        <translation>このパソコンには使えるキーチェーンがないため、パスワードを保存できませんでした。このままではチームと同期できません。このパソコンに ~/.pgpass ファイル（または環境変数 PGPASSWORD）を設定するよう、管理者に依頼してください。</translation>
    </message>
    <message>
        <source>Syncing with the team's server…</source>
        <translation>チームのサーバーと同期しています…</translation>
    </message>
    <message>
        <source>Leave the team? Everything on this computer stays: accounts, calls, plans and meetings are kept, so there is nothing to undo. From now on this file no longer syncs with the team.</source>
        <translation>チームから抜けますか？ このパソコンのデータ（企業、架電の記録、予定、商談）はすべてそのまま残るため、元に戻す操作はありません。今後、このファイルはチームと同期しなくなります。</translation>
    </message>
    <message>
        <source>%1 changes not yet sent will not reach the team. To send them first, choose No and sync now.</source>
        <translation>未送信の変更 %1 件はチームに送られなくなります。先に送る場合は［いいえ］を選び、今すぐ同期してください。</translation>
    </message>
    <message>
        <source>Leave the team</source>
        <translation>チームから抜ける</translation>
    </message>
</context>
<context>
    <name>TimeZoneDialog</name>
    <message>
        <source>Time zone</source>
        <translation>タイムゾーン</translation>
    </message>
    <message>
        <source>Times are shown, sorted and stored in this zone. Saving another zone rewrites the stored times to it; the moments stay the same.</source>
        <translation>日時はこのタイムゾーンで表示・並べ替え・保存します。別のタイムゾーンを保存すると、保存済みの日時をそのタイムゾーンの時刻に書き換えます（指している日時は変わりません）。</translation>
    </message>
    <message>
        <source>About the time zone</source>
        <translation>タイムゾーンについて</translation>
    </message>
    <message>
        <source>The system's (%1)</source>
        <translation>システムのタイムゾーン（%1）</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Save the time zone</source>
        <translation>タイムゾーンを保存</translation>
    </message>
    <message>
        <source>Change the time zone</source>
        <translation>タイムゾーンの変更</translation>
    </message>
</context>
<context>
    <name>TimelineActions</name>
    <message>
        <source>Not saved</source>
        <translation>保存できませんでした</translation>
    </message>
    <message>
        <source>Move plan to %1</source>
        <translation>予定を %1 に移動</translation>
    </message>
    <message>
        <source>Complete plan</source>
        <translation>予定を完了</translation>
    </message>
    <message>
        <source>Skip plan</source>
        <translation>予定を見送り</translation>
    </message>
    <message>
        <source>Add plan</source>
        <translation>予定を追加</translation>
    </message>
    <message>
        <source>Edit plan</source>
        <translation>予定を編集</translation>
    </message>
</context>
<context>
    <name>TimelineCanvas</name>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>No company chosen</source>
        <translation>会社が選択されていません</translation>
    </message>
    <message>
        <source>%1 d late</source>
        <translation>%1日遅れ</translation>
    </message>
    <message>
        <source>%1 d overdue</source>
        <translation>%1日超過</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>2 weeks</source>
        <translation>2週間</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1か月</translation>
    </message>
    <message>
        <source>3 months</source>
        <translation>3か月</translation>
    </message>
    <message>
        <source>6 months</source>
        <translation>6か月</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1年</translation>
    </message>
    <message>
        <source>2 years</source>
        <translation>2年</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>相手</translation>
    </message>
    <message>
        <source>(no contact)</source>
        <translation>（担当者未設定）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>仮説</translation>
    </message>
    <message>
        <source>Hypothesis held?</source>
        <translation>仮説の結果</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>(%1 days late)</source>
        <translation>（%1日遅れ）</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1日</translation>
    </message>
    <message>
        <source>Reason skipped</source>
        <translation>見送りの理由</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <translation>決裁者</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>接触済み</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Field sales rep</source>
        <translation>担当営業</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>表示期間</translation>
    </message>
    <message>
        <source>How much time is shown (Ctrl+wheel, + and -)</source>
        <translation>表示する期間（Ctrl+ホイール、＋／－キー）</translation>
    </message>
    <message>
        <source>Jump to today (Home)</source>
        <translation>今日へ移動（Home）</translation>
    </message>
    <message>
        <source>Add plan…</source>
        <translation>予定を追加…</translation>
    </message>
    <message>
        <source>Add a plan (Insert, or double-click on the timeline)</source>
        <translation>予定を追加します（Insert キー、またはタイムラインをダブルクリック）</translation>
    </message>
    <message>
        <source>A lane per contact</source>
        <translation>担当者ごとに行を分ける</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Scroll the timeline</source>
        <translation>タイムラインをスクロール</translation>
    </message>
    <message>
        <source>Selected item</source>
        <translation>選択した項目</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>完了…</translation>
    </message>
    <message>
        <source>Complete the selected plan (D)</source>
        <translation>選択した予定を完了にします（D）</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>見送り…</translation>
    </message>
    <message>
        <source>Skip the selected plan with a reason (S)</source>
        <translation>選択した予定を理由を付けて見送ります（S）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Edit the selected plan (Enter)</source>
        <translation>選択した予定を編集します（Enter）</translation>
    </message>
    <message>
        <source>Select an item to see its note here. Hover to see it in full.</source>
        <translation>項目を選択すると、ここにメモを表示します。マウスを重ねると全文を表示します。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Today's queue</source>
        <translation>今日の架電リスト</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>List the new targets come from</source>
        <translation>新規ターゲットを取るリスト</translation>
    </message>
    <message>
        <source>Daily target</source>
        <translation>1日の目標</translation>
    </message>
    <message>
        <source> accounts</source>
        <translation> 件</translation>
    </message>
    <message>
        <source>Start session (Ctrl+Enter)</source>
        <translation>セッション開始 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Start a call session on this queue</source>
        <translation>このリストで架電セッションを開始</translation>
    </message>
    <message>
        <source>Resume session</source>
        <translation>セッションを再開</translation>
    </message>
    <message>
        <source>Go back to the session in progress</source>
        <translation>進行中のセッションに戻る</translation>
    </message>
    <message>
        <source>Outcome keys…</source>
        <translation>結果キー…</translation>
    </message>
    <message>
        <source>Choose which outcome each number key logs</source>
        <translation>数字キーで記録する結果を選ぶ</translation>
    </message>
    <message>
        <source>Show accounts colleagues are working on</source>
        <translation>他の担当者が対応中の会社も表示</translation>
    </message>
    <message>
        <source>Also list accounts a colleague called recently or holds a plan on</source>
        <translation>他の担当者が最近架電した会社や予定を持っている会社も一覧に含めます</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>日付(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>リスト(&amp;L)</translation>
    </message>
    <message>
        <source>Daily &amp;target</source>
        <translation>1日の目標(&amp;T)</translation>
    </message>
    <message>
        <source>Counts of the queue</source>
        <translation>架電リストの件数</translation>
    </message>
    <message>
        <source>Nothing to call</source>
        <translation>架電予定なし</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>すべてのリスト</translation>
    </message>
    <message>
        <source>Overdue %1 · Due today %2 · New %3 · Done today %4 (daily target %5)</source>
        <translation>期限超過 %1件・本日予定 %2件・新規 %3件・本日実施 %4件（目標 %5件）</translation>
    </message>
    <message>
        <source>%1 left out: a colleague is working on them (%2)</source>
        <translation>他の担当者が対応中の %1 件を除外しています（%2）</translation>
    </message>
    <message>
        <source>(colleagues' work as of the last sync: %1)</source>
        <translation>（他の担当者の状況: %1）</translation>
    </message>
    <message>
        <source>Nothing to call on this day: no re-contacts are due and no untouched targets are left in this list. Choose another list or import one on the Targets page.</source>
        <translation>この日の架電予定はありません。期限の来た再架電も、このリストの未接触ターゲットもありません。別のリストを選ぶか、ターゲット画面でリストを取り込んでください。</translation>
    </message>
    <message>
        <source>Start a new session</source>
        <translation>新しいセッションを開始</translation>
    </message>
    <message>
        <source>A session is in progress (account %1 of %2). Start a new one instead? Everything logged so far stays saved.</source>
        <translation>進行中のセッションがあります（%2件中 %1件目）。新しいセッションを開始しますか？これまでに記録した内容は保存されたままです。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Encrypted database</source>
        <translation>暗号化されたデータベース</translation>
    </message>
    <message>
        <source>The database %1 is encrypted. Enter its passphrase to open it.</source>
        <translation>データベース %1 は暗号化されています。開くには、パスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>About the passphrase</source>
        <translation>パスフレーズについて</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>パスフレーズ(&amp;P)</translation>
    </message>
    <message>
        <source>Open the database</source>
        <translation>データベースを開く</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>That passphrase does not open this database. Check it (and the keyboard's input mode and Caps Lock) and enter it again. Nothing was changed.</source>
        <translation>このパスフレーズでは、データベースを開けませんでした。入力モードや Caps Lock も含めてご確認のうえ、もう一度入力してください。何も変更していません。</translation>
    </message>
</context>
</TS>
