<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Cannot create the data folder %1</source>
        <translation>無法建立資料夾 %1</translation>
    </message>
</context>
<context>
    <name>tandem::AssistText</name>
    <message>
        <source>The bot answered</source>
        <translation>機器人已回答</translation>
    </message>
    <message>
        <source>The customer asked for a person</source>
        <translation>客戶要求轉真人客服</translation>
    </message>
    <message>
        <source>The customer is unhappy</source>
        <translation>客戶情緒不滿</translation>
    </message>
    <message>
        <source>The bot is not sure of the answer</source>
        <translation>機器人沒有把握回答</translation>
    </message>
    <message>
        <source>This topic is not cleared for automatic answers</source>
        <translation>此主題未獲准自動回答</translation>
    </message>
    <message>
        <source>The bot&apos;s answers did not help twice</source>
        <translation>機器人的回答已兩次未能解決問題</translation>
    </message>
    <message>
        <source>The bot is not trained yet</source>
        <translation>機器人尚未訓練</translation>
    </message>
    <message>
        <source>Already with a person</source>
        <translation>已由真人客服處理</translation>
    </message>
    <message>
        <source>falling</source>
        <translation>下降</translation>
    </message>
    <message>
        <source>rising</source>
        <translation>上升</translation>
    </message>
    <message>
        <source>steady</source>
        <translation>平穩</translation>
    </message>
    <message>
        <source>Wrong intent</source>
        <translation>意圖錯誤</translation>
    </message>
    <message>
        <source>Outdated article</source>
        <translation>文章已過時</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>語氣</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>Missing data</source>
        <translation>缺少資料</translation>
    </message>
    <message>
        <source>Customer already answered</source>
        <translation>客戶已獲得答覆</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>tandem::CannedDialog</name>
    <message>
        <source>Deleted.</source>
        <translation>已刪除。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>共用</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在儲存…</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在刪除…</translation>
    </message>
    <message>
        <source>Canned responses</source>
        <translation>快速回覆</translation>
    </message>
    <message>
        <source>&amp;Shortcut:</source>
        <translation>快捷詞(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>標題(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>內容(&amp;X)：</translation>
    </message>
    <message>
        <source>e.g. refund-ok (type /refund-ok in a reply)</source>
        <translation>例如 refund-ok（回覆時輸入 /refund-ok）</translation>
    </message>
    <message>
        <source>Variables: %1. The customer&apos;s name and yours are filled in; you are asked for the others when you insert it.</source>
        <translation>變數：%1。客戶姓名和您的名字會自動填入；插入時會請您填寫其餘變數。</translation>
    </message>
    <message>
        <source>S&amp;hared with the team (supervisors and admins)</source>
        <translation>與團隊共用（主管和管理員）(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新增(&amp;N)</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>儲存(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>tandem::Client</name>
    <message>
        <source>There is no suggestion %1 to send.</source>
        <translation>沒有第 %1 則建議可傳送。</translation>
    </message>
</context>
<context>
    <name>tandem::ConnectionIndicator</name>
    <message>
        <source>Connected</source>
        <translation>已連線</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在連線…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登入…</translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation>連線中斷，正在重新連線…</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已登出</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>連線狀態：%1</translation>
    </message>
</context>
<context>
    <name>tandem::ConversationPanel</name>
    <message>
        <source>With the bot</source>
        <translation>由機器人接待</translation>
    </message>
    <message>
        <source>Waiting for an agent</source>
        <translation>等待客服接手</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已關閉</translation>
    </message>
    <message>
        <source>Could not queue the reply: %1</source>
        <translation>無法加入傳送佇列：%1</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>傳送回覆</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回覆</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>對話紀錄</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>未開啟對話</translation>
    </message>
    <message>
        <source>Pick one from the queue, or press Ctrl+N for the next waiting customer.</source>
        <translation>從佇列中選擇一個對話，或按 Ctrl+N 接待下一位等候的客戶。</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>對話 %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客戶 %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>已指派給%1</translation>
    </message>
    <message>
        <source>you</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>輸入回覆…</translation>
    </message>
    <message>
        <source>Claim this conversation to reply (Ctrl+Shift+K)</source>
        <translation>請先接手此對話再回覆（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>負面</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <source>Mood tag: %1 · model: %2</source>
        <translation>情緒標註：%1 · 模型：%2</translation>
    </message>
    <message>
        <source>Mood tag: %1</source>
        <translation>情緒標註：%1</translation>
    </message>
    <message>
        <source>Tagged by %1; the model read it as %2 (%3).</source>
        <translation>由 %1 標註；模型判斷為%2（%3）。</translation>
    </message>
    <message>
        <source>Tagged by %1.</source>
        <translation>由 %1 標註。</translation>
    </message>
    <message>
        <source>Enter sends · Shift+Enter adds a line · / inserts a canned response · Ctrl+1/2/3 tags the mood</source>
        <translation>Enter 傳送 · Shift+Enter 換行 · / 插入快速回覆 · Ctrl+1/2/3 標註情緒</translation>
    </message>
</context>
<context>
    <name>tandem::Desktop</name>
    <message>
        <source>Tandem</source>
        <translation>Tandem</translation>
    </message>
    <message>
        <source>Could not start Tandem on this computer: %1</source>
        <translation>無法在本機啟動 Tandem：%1</translation>
    </message>
</context>
<context>
    <name>tandem::DurationFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分鐘</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小時 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小時</translation>
    </message>
</context>
<context>
    <name>tandem::HandoffCard</name>
    <message>
        <source>Handed over: %1</source>
        <translation>轉人工原因：%1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>Intent: %1 (%2)</source>
        <translation>意圖：%1（%2）</translation>
    </message>
    <message>
        <source>Mood: %1, %2</source>
        <translation>情緒：%1，%2</translation>
    </message>
    <message>
        <source>The bot had not answered yet.</source>
        <translation>機器人尚未回答。</translation>
    </message>
    <message>
        <source>The bot already answered: %1</source>
        <translation>機器人已回答：%1</translation>
    </message>
    <message>
        <source>Articles used: %1</source>
        <translation>使用的文章：%1</translation>
    </message>
</context>
<context>
    <name>tandem::HubConnection</name>
    <message>
        <source>Signed out.</source>
        <translation>已登出。</translation>
    </message>
    <message>
        <source>Your session has ended (%1). Sign in again.</source>
        <translation>您的工作階段已結束（%1）。請重新登入。</translation>
    </message>
    <message>
        <source>Signed in as another user.</source>
        <translation>已用其他帳號登入。</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2</source>
        <translation>無法連線到伺服器 %1：%2</translation>
    </message>
</context>
<context>
    <name>tandem::KbSearchBox</name>
    <message>
        <source>The knowledge base did not answer: %1</source>
        <translation>知識庫沒有回應：%1</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>找不到結果。</translation>
    </message>
    <message>
        <source>Search the knowledge base (Ctrl+F)</source>
        <translation>搜尋知識庫（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>搜尋知識庫</translation>
    </message>
    <message>
        <source>Knowledge-base articles</source>
        <translation>知識庫文章</translation>
    </message>
</context>
<context>
    <name>tandem::MainWindow</name>
    <message>
        <source>The hub refused: %1</source>
        <translation>伺服器拒絕了操作：%1</translation>
    </message>
    <message>
        <source>Reply not sent</source>
        <translation>回覆未傳送</translation>
    </message>
    <message>
        <source>Your reply in conversation %1 was not sent: %2</source>
        <translation>你在對話 %1 中的回覆未能傳送：%2</translation>
    </message>
    <message>
        <source>About Tandem</source>
        <translation>關於 Tandem</translation>
    </message>
    <message>
        <source>Tandem %1 — a bot and human agents answering customers together.</source>
        <translation>Tandem %1 —— 機器人與真人客服協同服務客戶。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>對話(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Next waiting customer</source>
        <translation>下一位等候的客戶(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>接手(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Release to the queue</source>
        <translation>放回佇列(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>轉接(&amp;T)…</translation>
    </message>
    <message>
        <source>Cl&amp;ose conversation</source>
        <translation>結束對話(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Switch between queue and reply</source>
        <translation>在佇列與回覆之間切換(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Notify me when a customer is waiting</source>
        <translation>有客戶等候時通知我(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Simulate customers…</source>
        <translation>模擬客戶(&amp;S)…</translation>
    </message>
    <message>
        <source>Open the &amp;customer chat page</source>
        <translation>開啟客戶聊天頁面(&amp;C)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>登出(&amp;O)</translation>
    </message>
    <message>
        <source>Connect to a &amp;team hub…</source>
        <translation>連線至團隊伺服器(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Tandem</source>
        <translation>關於 Tandem(&amp;A)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Customer chat: %1</source>
        <translation>客戶聊天頁面：%1</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在瀏覽器中開啟</translation>
    </message>
    <message>
        <source>Open the customer chat page in the browser</source>
        <translation>在瀏覽器中開啟客戶聊天頁面</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>目前沒有等候的客戶。</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 位等候中</numerusform>
        </translation>
    </message>
    <message>
        <source>A customer</source>
        <translation>一位客戶</translation>
    </message>
    <message>
        <source>%1 is waiting</source>
        <translation>%1 正在等候</translation>
    </message>
    <message>
        <source>Enter	Send the reply</source>
        <translation>Enter	傳送回覆</translation>
    </message>
    <message>
        <source>Shift+Enter	New line in the reply</source>
        <translation>Shift+Enter	回覆中換行</translation>
    </message>
    <message>
        <source>Up/Down	Move through the queue</source>
        <translation>上/下	在佇列中移動</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本機模式</translation>
    </message>
    <message>
        <source>Tag mood ne&amp;gative</source>
        <translation>標註情緒：負面(&amp;G)</translation>
    </message>
    <message>
        <source>Tag mood ne&amp;utral</source>
        <translation>標註情緒：中性(&amp;U)</translation>
    </message>
    <message>
        <source>Tag mood &amp;positive</source>
        <translation>標註情緒：正面(&amp;P)</translation>
    </message>
    <message>
        <source>Ca&amp;nned responses…</source>
        <translation>快速回覆(&amp;N)…</translation>
    </message>
    <message>
        <source>Message tagged: %1</source>
        <translation>已標註訊息：%1</translation>
    </message>
    <message>
        <source>Conversation tagged: %1</source>
        <translation>已標註對話：%1</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>負面</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <source>/	In the reply: a canned response (Enter or Tab inserts it)</source>
        <translation>/	在回覆框中：快速回覆（Enter 或 Tab 插入）</translation>
    </message>
    <message>
        <source>Ctrl+1/2/3	With a customer message selected: tag that message</source>
        <translation>Ctrl+1/2/3	選取一則客戶訊息時：標註該訊息</translation>
    </message>
    <message>
        <source>1–7 / Esc	After an edited or own reply: why the suggestion was not used / skip</source>
        <translation>1–7 / Esc	修改建議或自行回覆後：選擇未採用建議的原因 / 略過</translation>
    </message>
</context>
<context>
    <name>tandem::MessageDelegate</name>
    <message>
        <source>Bot</source>
        <translation>機器人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
</context>
<context>
    <name>tandem::Outbox</name>
    <message>
        <source>The outbox is already open.</source>
        <translation>寄件匣已經開啟。</translation>
    </message>
    <message>
        <source>Cannot open the outbox %1</source>
        <translation>無法開啟寄件匣 %1</translation>
    </message>
    <message>
        <source>Cannot create the outbox</source>
        <translation>無法建立寄件匣</translation>
    </message>
    <message>
        <source>The outbox %1 was written by a newer Tandem.</source>
        <translation>寄件匣 %1 由較新版本的 Tandem 寫入。</translation>
    </message>
    <message>
        <source>The outbox is not open.</source>
        <translation>寄件匣未開啟。</translation>
    </message>
    <message>
        <source>No conversation is selected.</source>
        <translation>未選擇對話。</translation>
    </message>
    <message>
        <source>The reply is empty.</source>
        <translation>回覆是空的。</translation>
    </message>
    <message>
        <source>The reply is longer than %1 characters.</source>
        <translation>回覆超過 %1 個字元。</translation>
    </message>
    <message>
        <source>Cannot save the reply</source>
        <translation>無法儲存回覆</translation>
    </message>
    <message>
        <source>Cannot clear the draft</source>
        <translation>無法清除草稿</translation>
    </message>
    <message>
        <source>Cannot retry the reply</source>
        <translation>無法重試傳送回覆</translation>
    </message>
    <message>
        <source>Cannot discard the reply</source>
        <translation>無法捨棄回覆</translation>
    </message>
    <message>
        <source>Cannot save the draft</source>
        <translation>無法儲存草稿</translation>
    </message>
    <message>
        <source>Cannot record the outbox&apos;s owner</source>
        <translation>無法記錄寄件匣的擁有者</translation>
    </message>
    <message>
        <source>Cannot remove a sent reply</source>
        <translation>無法刪除已傳送的回覆</translation>
    </message>
    <message>
        <source>Cannot mark a reply failed</source>
        <translation>無法將回覆標記為失敗</translation>
    </message>
</context>
<context>
    <name>tandem::QueueModel</name>
    <message>
        <source>Web</source>
        <translation>網頁</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>機器人</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已關閉</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客戶 %1</translation>
    </message>
    <message>
        <source>Waiting since %1 (%2)</source>
        <translation>自 %1 起等候（%2）</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最新訊息</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>負責人</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先</translation>
    </message>
    <message>
        <source>Wait time</source>
        <translation>等候時間</translation>
    </message>
    <message>
        <source>Priority %1: threatened to escalate (cancel, regulator or abuse)</source>
        <translation>優先 %1：揚言升級（取消、向主管機關申訴或辱罵）</translation>
    </message>
    <message>
        <source>Priority %1: unhappy and getting worse</source>
        <translation>優先 %1：不滿意且情緒在變差</translation>
    </message>
    <message>
        <source>Priority %1: unhappy</source>
        <translation>優先 %1：不滿意</translation>
    </message>
    <message>
        <source>Priority %1: mood getting worse</source>
        <translation>優先 %1：情緒在變差</translation>
    </message>
    <message>
        <source>Priority %1</source>
        <translation>優先 %1</translation>
    </message>
    <message>
        <source>Queue order: waited %1 of the %2 target + priority %3 × %4 = %5.
The highest score is next (Ctrl+N). Priority counts like %6 more waiting, so an upset customer moves ahead but nobody waits forever.</source>
        <translation>排隊順序：已等候 %1（目標 %2）+ 優先級 %3 × %4 = %5。
分數最高者下一個接手（Ctrl+N）。每級優先級相當於多等候 %6，情緒不佳的客戶會往前，但沒有人會無限等候。</translation>
    </message>
</context>
<context>
    <name>tandem::QueuePanel</name>
    <message>
        <source>Filter by customer, message or agent</source>
        <translation>依客戶、訊息或客服篩選</translation>
    </message>
    <message>
        <source>Filter the queue</source>
        <translation>篩選佇列</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部未結束</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Show conversations</source>
        <translation>顯示對話</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>佇列</translation>
    </message>
    <message>
        <source>No conversations. New ones appear here as customers write.</source>
        <translation>目前沒有對話。客戶傳來訊息後會顯示在這裡。</translation>
    </message>
</context>
<context>
    <name>tandem::ReasonPicker</name>
    <message>
        <source>Why did you change the suggestion? Press a number.</source>
        <translation>為什麼修改了建議？請按數字鍵。</translation>
    </message>
    <message>
        <source>Why not a suggestion? Press a number.</source>
        <translation>為什麼沒有使用建議？請按數字鍵。</translation>
    </message>
    <message>
        <source>Esc  Skip</source>
        <translation>Esc  略過</translation>
    </message>
    <message>
        <source>Reason for not using the suggestion</source>
        <translation>未採用建議的原因</translation>
    </message>
</context>
<context>
    <name>tandem::SignInDialog</name>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation>在系統鑰匙圈中記住密碼(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登入(&amp;S)</translation>
    </message>
    <message>
        <source>Sign in to Tandem</source>
        <translation>登入 Tandem</translation>
    </message>
    <message>
        <source>e.g. https://help.example.com or 192.168.1.20:8080</source>
        <translation>例如 https://help.example.com 或 192.168.1.20:8080</translation>
    </message>
    <message>
        <source>&amp;Hub address:</source>
        <translation>伺服器位址(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>使用者名稱(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>Work on this &amp;computer</source>
        <translation>在本機工作(&amp;C)</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>伺服器位址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>使用者名稱</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Run a hub on this computer with a demo knowledge base; no account needed.</source>
        <translation>在本機執行伺服器並使用示範知識庫，無需帳號。</translation>
    </message>
</context>
<context>
    <name>tandem::SimulateDialog</name>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Simulate customers</source>
        <translation>模擬客戶</translation>
    </message>
    <message>
        <source>Opens real customer connections to %1 that write in Simplified Chinese, Traditional Chinese and English — including impatient and unhappy customers.</source>
        <translation>向 %1 建立真實的客戶連線，用簡體中文、繁體中文和英文傳訊息——其中包括著急和不滿的客戶。</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> 位/分鐘</translation>
    </message>
    <message>
        <source>&amp;Customers:</source>
        <translation>客戶數(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Arrival rate:</source>
        <translation>到達速率(&amp;A)：</translation>
    </message>
    <message>
        <source>S&amp;peed:</source>
        <translation>速度(&amp;P)：</translation>
    </message>
    <message>
        <source>Number of customers</source>
        <translation>客戶數量</translation>
    </message>
    <message>
        <source>New customers per minute</source>
        <translation>每分鐘新客戶數</translation>
    </message>
    <message>
        <source>Speed of the script</source>
        <translation>腳本速度</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>未執行。</translation>
    </message>
    <message>
        <source>%1 customers started, %2 writing now · %3 of %4 messages delivered · %5 replies received</source>
        <translation>已開始 %1 位客戶，%2 位正在傳訊息 · 已送達 %3/%4 則訊息 · 收到 %5 則回覆</translation>
    </message>
</context>
<context>
    <name>tandem::SuggestionCard</name>
    <message>
        <source>Confidence</source>
        <translation>信賴度</translation>
    </message>
    <message>
        <source>%1 · v%2</source>
        <translation>%1 · 第 %2 版</translation>
    </message>
    <message>
        <source>reviewed %1</source>
        <translation>審核於 %1</translation>
    </message>
    <message>
        <source>below the bot&apos;s threshold</source>
        <translation>低於機器人的門檻</translation>
    </message>
    <message>
        <source>Suggestion %1</source>
        <translation>建議 %1</translation>
    </message>
</context>
<context>
    <name>tandem::SuggestionListModel</name>
    <message>
        <source>Matched the question: %1</source>
        <translation>比對到的問題：%1</translation>
    </message>
</context>
<context>
    <name>tandem::SuggestionPanel</name>
    <message>
        <source>No suggestions for the latest message.</source>
        <translation>最新訊息暫無建議。</translation>
    </message>
    <message>
        <source>Open a conversation to see the bot&apos;s suggestions.</source>
        <translation>開啟一個對話以查看機器人的建議。</translation>
    </message>
    <message>
        <source>%1  Bot: %2</source>
        <translation>%1  機器人：%2</translation>
    </message>
    <message>
        <source>%1  To people: %2</source>
        <translation>%1  轉人工：%2</translation>
    </message>
    <message>
        <source>Claim the conversation first (Ctrl+Shift+K).</source>
        <translation>請先接手此對話（Ctrl+Shift+K）。</translation>
    </message>
    <message>
        <source>Sent suggestion %1.</source>
        <translation>已傳送建議 %1。</translation>
    </message>
    <message>
        <source>Handed back to the bot. Claim it (Ctrl+Shift+K) to take it over again.</source>
        <translation>已交還給機器人。按 Ctrl+Shift+K 可重新接手。</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建議回覆</translation>
    </message>
    <message>
        <source>Alt+1–3 send · Ctrl+Alt+1–3 edit</source>
        <translation>Alt+1–3 傳送 · Ctrl+Alt+1–3 編輯</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>分流紀錄</translation>
    </message>
    <message>
        <source>Edit suggestion %1</source>
        <translation>編輯建議 %1</translation>
    </message>
    <message>
        <source>Hand &amp;back to the bot</source>
        <translation>交還給機器人(&amp;B)</translation>
    </message>
    <message>
        <source>Search the &amp;knowledge base</source>
        <translation>搜尋知識庫(&amp;K)</translation>
    </message>
    <message>
        <source>Fill in %1 first, then press Enter.</source>
        <translation>請先填寫 %1，再按 Enter 傳送。</translation>
    </message>
    <message>
        <source>Send suggestion %1</source>
        <translation>傳送建議 %1</translation>
    </message>
</context>
<context>
    <name>tandem::TranscriptModel</name>
    <message>
        <source>negative</source>
        <translation>負面</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <source>Mood: %1 (%2)</source>
        <translation>情緒：%1（%2）</translation>
    </message>
</context>
<context>
    <name>tandem::TransferDialog</name>
    <message>
        <source>Transfer conversation</source>
        <translation>轉接對話</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>同事(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Note for them (not shown to the customer):</source>
        <translation>給同事的備註（客戶看不到）(&amp;N)：</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>轉接</translation>
    </message>
    <message>
        <source>Colleagues</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Transfer note</source>
        <translation>轉接備註</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) · %3 · %n conversation(s)</source>
        <translation>
            <numerusform>%1（%2）· %3 · %n 個對話</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>線上</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <source>Nobody else can take conversations right now.</source>
        <translation>目前沒有其他人可以接收對話。</translation>
    </message>
    <message>
        <source>Could not load colleagues: %1</source>
        <translation>無法載入同事清單：%1</translation>
    </message>
    <message>
        <source>Loading colleagues…</source>
        <translation>正在載入同事清單…</translation>
    </message>
</context>
<context>
    <name>tandem::VariablePrompt</name>
    <message>
        <source>Order number</source>
        <translation>訂單編號</translation>
    </message>
    <message>
        <source>Customer&apos;s name</source>
        <translation>客戶姓名</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的名字</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>商店名稱</translation>
    </message>
    <message>
        <source>“%1” needs these before it goes in (Enter: next, Esc: cancel):</source>
        <translation>插入「%1」前請填寫以下內容（Enter：下一項，Esc：取消）：</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
