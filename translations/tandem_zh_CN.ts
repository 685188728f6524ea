<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Cannot create the data folder %1</source>
        <translation>无法创建数据文件夹 %1</translation>
    </message>
</context>
<context>
    <name>tandem::AssistText</name>
    <message>
        <source>The bot answered</source>
        <translation>机器人已回答</translation>
    </message>
    <message>
        <source>The customer asked for a person</source>
        <translation>客户要求转人工</translation>
    </message>
    <message>
        <source>The customer is unhappy</source>
        <translation>客户情绪不满</translation>
    </message>
    <message>
        <source>The bot is not sure of the answer</source>
        <translation>机器人没有把握回答</translation>
    </message>
    <message>
        <source>This topic is not cleared for automatic answers</source>
        <translation>此主题未获准自动回答</translation>
    </message>
    <message>
        <source>The bot&apos;s answers did not help twice</source>
        <translation>机器人的回答已两次未能解决问题</translation>
    </message>
    <message>
        <source>The bot is not trained yet</source>
        <translation>机器人尚未训练</translation>
    </message>
    <message>
        <source>Already with a person</source>
        <translation>已由人工处理</translation>
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
        <translation>平稳</translation>
    </message>
    <message>
        <source>Wrong intent</source>
        <translation>意图错误</translation>
    </message>
    <message>
        <source>Outdated article</source>
        <translation>文章已过时</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>语气</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>Missing data</source>
        <translation>缺少数据</translation>
    </message>
    <message>
        <source>Customer already answered</source>
        <translation>客户已得到答复</translation>
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
        <translation>已删除。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <source>Canned responses</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>&amp;Shortcut:</source>
        <translation>快捷词(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>内容(&amp;X)：</translation>
    </message>
    <message>
        <source>e.g. refund-ok (type /refund-ok in a reply)</source>
        <translation>例如 refund-ok（回复时输入 /refund-ok）</translation>
    </message>
    <message>
        <source>Variables: %1. The customer&apos;s name and yours are filled in; you are asked for the others when you insert it.</source>
        <translation>变量：%1。客户姓名和您的名字会自动填入；插入时会请您填写其余变量。</translation>
    </message>
    <message>
        <source>S&amp;hared with the team (supervisors and admins)</source>
        <translation>与团队共享（主管和管理员）(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>tandem::Client</name>
    <message>
        <source>There is no suggestion %1 to send.</source>
        <translation>没有第 %1 条建议可发送。</translation>
    </message>
</context>
<context>
    <name>tandem::ConnectionIndicator</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation>连接已断开，正在重新连接…</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>连接状态：%1</translation>
    </message>
</context>
<context>
    <name>tandem::ConversationPanel</name>
    <message>
        <source>With the bot</source>
        <translation>由机器人接待</translation>
    </message>
    <message>
        <source>Waiting for an agent</source>
        <translation>等待客服接入</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Could not queue the reply: %1</source>
        <translation>无法加入发送队列：%1</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>未打开会话</translation>
    </message>
    <message>
        <source>Pick one from the queue, or press Ctrl+N for the next waiting customer.</source>
        <translation>从队列中选择一个会话，或按 Ctrl+N 接待下一位等待的客户。</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>已分配给%1</translation>
    </message>
    <message>
        <source>you</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>输入回复…</translation>
    </message>
    <message>
        <source>Claim this conversation to reply (Ctrl+Shift+K)</source>
        <translation>请先接入此会话再回复（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负面</translation>
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
        <translation>情绪标注：%1 · 模型：%2</translation>
    </message>
    <message>
        <source>Mood tag: %1</source>
        <translation>情绪标注：%1</translation>
    </message>
    <message>
        <source>Tagged by %1; the model read it as %2 (%3).</source>
        <translation>由 %1 标注；模型判断为%2（%3）。</translation>
    </message>
    <message>
        <source>Tagged by %1.</source>
        <translation>由 %1 标注。</translation>
    </message>
    <message>
        <source>Enter sends · Shift+Enter adds a line · / inserts a canned response · Ctrl+1/2/3 tags the mood</source>
        <translation>Enter 发送 · Shift+Enter 换行 · / 插入快捷回复 · Ctrl+1/2/3 标注情绪</translation>
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
        <translation>无法在本机启动 Tandem：%1</translation>
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
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
</context>
<context>
    <name>tandem::HandoffCard</name>
    <message>
        <source>Handed over: %1</source>
        <translation>转人工原因：%1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Intent: %1 (%2)</source>
        <translation>意图：%1（%2）</translation>
    </message>
    <message>
        <source>Mood: %1, %2</source>
        <translation>情绪：%1，%2</translation>
    </message>
    <message>
        <source>The bot had not answered yet.</source>
        <translation>机器人尚未回答。</translation>
    </message>
    <message>
        <source>The bot already answered: %1</source>
        <translation>机器人已回答：%1</translation>
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
        <translation>已退出登录。</translation>
    </message>
    <message>
        <source>Your session has ended (%1). Sign in again.</source>
        <translation>您的会话已结束（%1）。请重新登录。</translation>
    </message>
    <message>
        <source>Signed in as another user.</source>
        <translation>已用其他账号登录。</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2</source>
        <translation>无法连接到服务器 %1：%2</translation>
    </message>
</context>
<context>
    <name>tandem::KbSearchBox</name>
    <message>
        <source>The knowledge base did not answer: %1</source>
        <translation>知识库没有响应：%1</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>未找到结果。</translation>
    </message>
    <message>
        <source>Search the knowledge base (Ctrl+F)</source>
        <translation>搜索知识库（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>搜索知识库</translation>
    </message>
    <message>
        <source>Knowledge-base articles</source>
        <translation>知识库文章</translation>
    </message>
</context>
<context>
    <name>tandem::MainWindow</name>
    <message>
        <source>The hub refused: %1</source>
        <translation>服务器拒绝了操作：%1</translation>
    </message>
    <message>
        <source>Reply not sent</source>
        <translation>回复未发送</translation>
    </message>
    <message>
        <source>Your reply in conversation %1 was not sent: %2</source>
        <translation>你在会话 %1 中的回复未能发送：%2</translation>
    </message>
    <message>
        <source>About Tandem</source>
        <translation>关于 Tandem</translation>
    </message>
    <message>
        <source>Tandem %1 — a bot and human agents answering customers together.</source>
        <translation>Tandem %1 —— 机器人与人工客服协同服务客户。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Next waiting customer</source>
        <translation>下一位等待的客户(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>接入(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Release to the queue</source>
        <translation>放回队列(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>转接(&amp;T)…</translation>
    </message>
    <message>
        <source>Cl&amp;ose conversation</source>
        <translation>结束会话(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Switch between queue and reply</source>
        <translation>在队列和回复之间切换(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Notify me when a customer is waiting</source>
        <translation>有客户等待时通知我(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Simulate customers…</source>
        <translation>模拟客户(&amp;S)…</translation>
    </message>
    <message>
        <source>Open the &amp;customer chat page</source>
        <translation>打开客户聊天页面(&amp;C)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Connect to a &amp;team hub…</source>
        <translation>连接团队服务器(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Tandem</source>
        <translation>关于 Tandem(&amp;A)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Customer chat: %1</source>
        <translation>客户聊天页面：%1</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>Open the customer chat page in the browser</source>
        <translation>在浏览器中打开客户聊天页面</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>当前没有等待的客户。</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 位等待中</numerusform>
        </translation>
    </message>
    <message>
        <source>A customer</source>
        <translation>一位客户</translation>
    </message>
    <message>
        <source>%1 is waiting</source>
        <translation>%1 正在等待</translation>
    </message>
    <message>
        <source>Enter	Send the reply</source>
        <translation>Enter	发送回复</translation>
    </message>
    <message>
        <source>Shift+Enter	New line in the reply</source>
        <translation>Shift+Enter	回复中换行</translation>
    </message>
    <message>
        <source>Up/Down	Move through the queue</source>
        <translation>上/下	在队列中移动</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本机模式</translation>
    </message>
    <message>
        <source>Tag mood ne&amp;gative</source>
        <translation>标注情绪：负面(&amp;G)</translation>
    </message>
    <message>
        <source>Tag mood ne&amp;utral</source>
        <translation>标注情绪：中性(&amp;U)</translation>
    </message>
    <message>
        <source>Tag mood &amp;positive</source>
        <translation>标注情绪：正面(&amp;P)</translation>
    </message>
    <message>
        <source>Ca&amp;nned responses…</source>
        <translation>快捷回复(&amp;N)…</translation>
    </message>
    <message>
        <source>Message tagged: %1</source>
        <translation>已标注消息：%1</translation>
    </message>
    <message>
        <source>Conversation tagged: %1</source>
        <translation>已标注会话：%1</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负面</translation>
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
        <translation>/	在回复框中：快捷回复（Enter 或 Tab 插入）</translation>
    </message>
    <message>
        <source>Ctrl+1/2/3	With a customer message selected: tag that message</source>
        <translation>Ctrl+1/2/3	选中一条客户消息时：标注该消息</translation>
    </message>
    <message>
        <source>1–7 / Esc	After an edited or own reply: why the suggestion was not used / skip</source>
        <translation>1–7 / Esc	修改建议或自行回复后：选择未采用建议的原因 / 跳过</translation>
    </message>
</context>
<context>
    <name>tandem::MessageDelegate</name>
    <message>
        <source>Bot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>tandem::Outbox</name>
    <message>
        <source>The outbox is already open.</source>
        <translation>发件箱已经打开。</translation>
    </message>
    <message>
        <source>Cannot open the outbox %1</source>
        <translation>无法打开发件箱 %1</translation>
    </message>
    <message>
        <source>Cannot create the outbox</source>
        <translation>无法创建发件箱</translation>
    </message>
    <message>
        <source>The outbox %1 was written by a newer Tandem.</source>
        <translation>发件箱 %1 由更新版本的 Tandem 写入。</translation>
    </message>
    <message>
        <source>The outbox is not open.</source>
        <translation>发件箱未打开。</translation>
    </message>
    <message>
        <source>No conversation is selected.</source>
        <translation>未选择会话。</translation>
    </message>
    <message>
        <source>The reply is empty.</source>
        <translation>回复为空。</translation>
    </message>
    <message>
        <source>The reply is longer than %1 characters.</source>
        <translation>回复超过 %1 个字符。</translation>
    </message>
    <message>
        <source>Cannot save the reply</source>
        <translation>无法保存回复</translation>
    </message>
    <message>
        <source>Cannot clear the draft</source>
        <translation>无法清除草稿</translation>
    </message>
    <message>
        <source>Cannot retry the reply</source>
        <translation>无法重试发送回复</translation>
    </message>
    <message>
        <source>Cannot discard the reply</source>
        <translation>无法放弃回复</translation>
    </message>
    <message>
        <source>Cannot save the draft</source>
        <translation>无法保存草稿</translation>
    </message>
    <message>
        <source>Cannot record the outbox&apos;s owner</source>
        <translation>无法记录发件箱的所有者</translation>
    </message>
    <message>
        <source>Cannot remove a sent reply</source>
        <translation>无法删除已发送的回复</translation>
    </message>
    <message>
        <source>Cannot mark a reply failed</source>
        <translation>无法将回复标记为失败</translation>
    </message>
</context>
<context>
    <name>tandem::QueueModel</name>
    <message>
        <source>Web</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <source>Waiting since %1 (%2)</source>
        <translation>自 %1 起等待（%2）</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Wait time</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <source>Priority %1: threatened to escalate (cancel, regulator or abuse)</source>
        <translation>优先级 %1：扬言升级（取消、投诉监管部门或辱骂）</translation>
    </message>
    <message>
        <source>Priority %1: unhappy and getting worse</source>
        <translation>优先级 %1：不满意且情绪在变差</translation>
    </message>
    <message>
        <source>Priority %1: unhappy</source>
        <translation>优先级 %1：不满意</translation>
    </message>
    <message>
        <source>Priority %1: mood getting worse</source>
        <translation>优先级 %1：情绪在变差</translation>
    </message>
    <message>
        <source>Priority %1</source>
        <translation>优先级 %1</translation>
    </message>
    <message>
        <source>Queue order: waited %1 of the %2 target + priority %3 × %4 = %5.
The highest score is next (Ctrl+N). Priority counts like %6 more waiting, so an upset customer moves ahead but nobody waits forever.</source>
        <translation>排队顺序：已等待 %1（目标 %2）+ 优先级 %3 × %4 = %5。
得分最高者下一个接入（Ctrl+N）。每级优先级相当于多等待 %6，情绪不佳的客户会靠前，但没有人会无限等待。</translation>
    </message>
</context>
<context>
    <name>tandem::QueuePanel</name>
    <message>
        <source>Filter by customer, message or agent</source>
        <translation>按客户、消息或客服筛选</translation>
    </message>
    <message>
        <source>Filter the queue</source>
        <translation>筛选队列</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部未结束</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Show conversations</source>
        <translation>显示会话</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>No conversations. New ones appear here as customers write.</source>
        <translation>暂无会话。客户发来消息后会显示在这里。</translation>
    </message>
</context>
<context>
    <name>tandem::ReasonPicker</name>
    <message>
        <source>Why did you change the suggestion? Press a number.</source>
        <translation>为什么修改了建议？请按数字键。</translation>
    </message>
    <message>
        <source>Why not a suggestion? Press a number.</source>
        <translation>为什么没有使用建议？请按数字键。</translation>
    </message>
    <message>
        <source>Esc  Skip</source>
        <translation>Esc  跳过</translation>
    </message>
    <message>
        <source>Reason for not using the suggestion</source>
        <translation>未采用建议的原因</translation>
    </message>
</context>
<context>
    <name>tandem::SignInDialog</name>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation>在系统密钥环中记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Sign in to Tandem</source>
        <translation>登录 Tandem</translation>
    </message>
    <message>
        <source>e.g. https://help.example.com or 192.168.1.20:8080</source>
        <translation>例如 https://help.example.com 或 192.168.1.20:8080</translation>
    </message>
    <message>
        <source>&amp;Hub address:</source>
        <translation>服务器地址(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Work on this &amp;computer</source>
        <translation>在本机工作(&amp;C)</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Run a hub on this computer with a demo knowledge base; no account needed.</source>
        <translation>在本机运行服务器并使用演示知识库，无需账号。</translation>
    </message>
</context>
<context>
    <name>tandem::SimulateDialog</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Simulate customers</source>
        <translation>模拟客户</translation>
    </message>
    <message>
        <source>Opens real customer connections to %1 that write in Simplified Chinese, Traditional Chinese and English — including impatient and unhappy customers.</source>
        <translation>向 %1 建立真实的客户连接，用简体中文、繁体中文和英文发消息——其中包括着急和不满的客户。</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> 位/分钟</translation>
    </message>
    <message>
        <source>&amp;Customers:</source>
        <translation>客户数(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Arrival rate:</source>
        <translation>到达速率(&amp;A)：</translation>
    </message>
    <message>
        <source>S&amp;peed:</source>
        <translation>速度(&amp;P)：</translation>
    </message>
    <message>
        <source>Number of customers</source>
        <translation>客户数量</translation>
    </message>
    <message>
        <source>New customers per minute</source>
        <translation>每分钟新客户数</translation>
    </message>
    <message>
        <source>Speed of the script</source>
        <translation>脚本速度</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>未运行。</translation>
    </message>
    <message>
        <source>%1 customers started, %2 writing now · %3 of %4 messages delivered · %5 replies received</source>
        <translation>已开始 %1 位客户，%2 位正在发消息 · 已送达 %3/%4 条消息 · 收到 %5 条回复</translation>
    </message>
</context>
<context>
    <name>tandem::SuggestionCard</name>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>%1 · v%2</source>
        <translation>%1 · 第 %2 版</translation>
    </message>
    <message>
        <source>reviewed %1</source>
        <translation>审核于 %1</translation>
    </message>
    <message>
        <source>below the bot&apos;s threshold</source>
        <translation>低于机器人的阈值</translation>
    </message>
    <message>
        <source>Suggestion %1</source>
        <translation>建议 %1</translation>
    </message>
</context>
<context>
    <name>tandem::SuggestionListModel</name>
    <message>
        <source>Matched the question: %1</source>
        <translation>匹配的问题：%1</translation>
    </message>
</context>
<context>
    <name>tandem::SuggestionPanel</name>
    <message>
        <source>No suggestions for the latest message.</source>
        <translation>最新消息暂无建议。</translation>
    </message>
    <message>
        <source>Open a conversation to see the bot&apos;s suggestions.</source>
        <translation>打开一个会话以查看机器人的建议。</translation>
    </message>
    <message>
        <source>%1  Bot: %2</source>
        <translation>%1  机器人：%2</translation>
    </message>
    <message>
        <source>%1  To people: %2</source>
        <translation>%1  转人工：%2</translation>
    </message>
    <message>
        <source>Claim the conversation first (Ctrl+Shift+K).</source>
        <translation>请先接入此会话（Ctrl+Shift+K）。</translation>
    </message>
    <message>
        <source>Sent suggestion %1.</source>
        <translation>已发送建议 %1。</translation>
    </message>
    <message>
        <source>Handed back to the bot. Claim it (Ctrl+Shift+K) to take it over again.</source>
        <translation>已交还给机器人。按 Ctrl+Shift+K 可重新接入。</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议回复</translation>
    </message>
    <message>
        <source>Alt+1–3 send · Ctrl+Alt+1–3 edit</source>
        <translation>Alt+1–3 发送 · Ctrl+Alt+1–3 编辑</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>分流记录</translation>
    </message>
    <message>
        <source>Edit suggestion %1</source>
        <translation>编辑建议 %1</translation>
    </message>
    <message>
        <source>Hand &amp;back to the bot</source>
        <translation>交还给机器人(&amp;B)</translation>
    </message>
    <message>
        <source>Search the &amp;knowledge base</source>
        <translation>搜索知识库(&amp;K)</translation>
    </message>
    <message>
        <source>Fill in %1 first, then press Enter.</source>
        <translation>请先填写 %1，再按 Enter 发送。</translation>
    </message>
    <message>
        <source>Send suggestion %1</source>
        <translation>发送建议 %1</translation>
    </message>
</context>
<context>
    <name>tandem::TranscriptModel</name>
    <message>
        <source>negative</source>
        <translation>负面</translation>
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
        <translation>情绪：%1（%2）</translation>
    </message>
</context>
<context>
    <name>tandem::TransferDialog</name>
    <message>
        <source>Transfer conversation</source>
        <translation>转接会话</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>同事(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Note for them (not shown to the customer):</source>
        <translation>给同事的备注（客户看不到）(&amp;N)：</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <source>Colleagues</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Transfer note</source>
        <translation>转接备注</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) · %3 · %n conversation(s)</source>
        <translation>
            <numerusform>%1（%2）· %3 · %n 个会话</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Nobody else can take conversations right now.</source>
        <translation>目前没有其他人可以接收会话。</translation>
    </message>
    <message>
        <source>Could not load colleagues: %1</source>
        <translation>无法加载同事列表：%1</translation>
    </message>
    <message>
        <source>Loading colleagues…</source>
        <translation>正在加载同事列表…</translation>
    </message>
</context>
<context>
    <name>tandem::VariablePrompt</name>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Customer&apos;s name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的名字</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>“%1” needs these before it goes in (Enter: next, Esc: cancel):</source>
        <translation>插入“%1”前请填写以下内容（Enter：下一项，Esc：取消）：</translation>
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
