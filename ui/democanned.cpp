#include "democanned.h"

#include "store.h"

namespace tandem {

namespace {

struct Seed
{
    const char *shortcut;
    const char *language;
    const char *title;
    const char *text;
};

// Written for Tandem's demo shop; variables as in the knowledge base's answers.
const Seed kSeeds[] = {
    {"hello", "zh-CN", "问候",
     "{{customer.name}}您好，我是{{agent.name}}，很高兴为您服务。请问有什么可以帮您？"},
    {"hello", "zh-TW", "問候",
     "{{customer.name}}您好，我是{{agent.name}}，很高興為您服務。請問有什麼可以幫您？"},
    {"hello", "en", "Greeting",
     "Hi {{customer.name}}, this is {{agent.name}}. How can I help you today?"},
    {"refund-ok", "zh-CN", "退款已受理",
     "{{customer.name}}您好，订单 {{order.id}} 的退款已受理，款项将在 3-5 个工作日内原路退回。"},
    {"refund-ok", "zh-TW", "退款已受理",
     "{{customer.name}}您好，訂單 {{order.id}} 的退款已受理，款項將在 3-5 個工作天內原路退回。"},
    {"refund-ok", "en", "Refund accepted",
     "Hi {{customer.name}}, the refund for order {{order.id}} has been accepted. The money goes "
     "back to your original payment method within 3-5 working days."},
    {"order-check", "zh-CN", "查询订单", "好的，我这就为您查询订单 {{order.id}}，请稍等片刻。"},
    {"order-check", "zh-TW", "查詢訂單", "好的，我這就為您查詢訂單 {{order.id}}，請稍等片刻。"},
    {"order-check", "en", "Checking an order",
     "Thanks, I'm checking order {{order.id}} for you now. One moment, please."},
    {"sorry", "zh-CN", "致歉", "非常抱歉给您带来不便，{{customer.name}}。我会尽快为您处理。"},
    {"sorry", "zh-TW", "致歉", "非常抱歉造成您的不便，{{customer.name}}。我會盡快為您處理。"},
    {"sorry", "en", "Apology",
     "I'm very sorry for the trouble, {{customer.name}}. I'll sort this out as quickly as I can."},
    {"bye", "zh-CN", "结束语", "感谢您联系{{shop.name}}，祝您生活愉快！如有其他问题，随时找我们。"},
    {"bye", "zh-TW", "結束語",
     "感謝您聯絡{{shop.name}}，祝您生活愉快！如有其他問題，歡迎隨時找我們。"},
    {"bye", "en", "Goodbye",
     "Thank you for contacting {{shop.name}}. Have a lovely day, and write any time you need us."},
};

} // namespace

Status seedDemoCannedResponses(Store &store, qint64 nowMs)
{
    auto existing = store.cannedResponses(0);
    if (!existing.ok())
        return existing.error();
    if (!existing->isEmpty())
        return {};
    for (const Seed &seed : kSeeds) {
        CannedResponse r;
        r.shortcut = QString::fromUtf8(seed.shortcut);
        r.language = QString::fromUtf8(seed.language);
        r.title = QString::fromUtf8(seed.title);
        r.text = QString::fromUtf8(seed.text);
        if (auto saved = store.saveCannedResponse(r, QStringLiteral("embedded"), nowMs);
            !saved.ok())
            return saved.error();
    }
    return {};
}

} // namespace tandem
