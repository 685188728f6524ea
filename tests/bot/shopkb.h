#pragma once

// A tiny online-shop knowledge base for the suggestion tests: eight articles, seven example
// questions each in Simplified Chinese, Traditional Chinese and English.

#include "suggester.h"

#include <QList>
#include <QString>

#include <utility>
#include <vector>

namespace tandem::testkb {

struct Article
{
    const char *id;
    int version;
    const char *intent;
    // Simplified, Traditional and English questions, "|"-separated to keep the table short.
    const char *simplified;
    const char *traditional;
    const char *english;
};

// A tiny online-shop knowledge base: eight articles, seven questions per language.
inline const std::vector<Article> &knowledgeBase()
{
    static const std::vector<Article> kb = {
        {"kb-delivery", 3, "delivery.tracking",
         "我的快递到哪里了|帮我查一下物流信息|订单发货了吗|什么时候能收到货|"
         "快递单号是多少|物流怎么一直不更新|包裹显示在运输中",
         "我的快遞到哪裡了|幫我查一下物流資訊|訂單出貨了嗎|什麼時候能收到貨|"
         "快遞單號是多少|物流怎麼一直沒更新|包裹顯示運送中",
         "where is my parcel|track my order|has my order shipped yet|"
         "when will my delivery arrive|what is the tracking number|"
         "the shipment status has not updated|package says in transit"},
        {"kb-refund", 2, "refund.status",
         "退款多久能到账|我的退款还没收到|退款进度怎么查|钱什么时候退回来|"
         "退款处理到哪一步了|申请退款好几天了|退款显示成功但没到账",
         "退款要等幾天才到|我的退款還沒收到|退款進度怎麼查|錢什麼時候退回來|"
         "退款處理到哪一步了|申請退款好幾天了|退款顯示成功但沒入帳",
         "when will I get my refund|my refund has not arrived|check refund status|"
         "how long does the refund take|where is my money back|"
         "refund shows completed but no money|I requested a refund days ago"},
        {"kb-returns", 1, "returns.policy",
         "怎么退货|七天无理由退货吗|退货运费谁出|衣服不合适能退吗|"
         "退货地址在哪里|拆封了还能退货吗|怎么申请退换货",
         "怎麼退貨|七天無理由退貨嗎|退貨運費誰出|衣服不合適能退嗎|"
         "退貨地址在哪裡|拆封了還能退貨嗎|怎麼申請退換貨",
         "how do I return an item|what is your return policy|who pays return shipping|"
         "can I return clothes that do not fit|where do I send returns|"
         "can I return an opened box|how to exchange a product"},
        {"kb-payment", 1, "payment.methods",
         "可以用支付宝付款吗|支持微信支付吗|能用信用卡吗|有哪些付款方式|"
         "可以货到付款吗|支持花呗分期吗|能用银行卡支付吗",
         "可以用支付寶付款嗎|支援微信支付嗎|能用信用卡嗎|有哪些付款方式|"
         "可以貨到付款嗎|支援分期付款嗎|能用銀行卡付款嗎",
         "can I pay with paypal|do you accept credit cards|what payment methods are available|"
         "can I pay cash on delivery|is apple pay supported|which cards do you take|"
         "can I pay in installments"},
        {"kb-address", 1, "order.address",
         "怎么修改收货地址|地址填错了|能改一下送货地址吗|换个收件地址|"
         "收件人电话写错了|下单后还能改地址吗|帮我把地址改成公司",
         "怎麼修改收貨地址|地址填錯了|能改一下送貨地址嗎|換個收件地址|"
         "收件人電話寫錯了|下單後還能改地址嗎|幫我把地址改成公司",
         "how do I change my shipping address|I entered the wrong address|"
         "can you update the delivery address|ship to a different address|"
         "wrong phone number on my order|can I change the address after ordering|"
         "send it to my office instead"},
        {"kb-cancel", 4, "order.cancel",
         "我想取消订单|订单能取消吗|不想要了怎么取消|怎么撤销订单|"
         "下错单了要取消|取消刚下的订单|还没发货可以取消吗",
         "我想取消訂單|訂單能取消嗎|不想要了怎麼取消|怎麼撤銷訂單|"
         "下錯單了要取消|取消剛下的訂單|還沒出貨可以取消嗎",
         "I want to cancel my order|can I cancel the order|cancel order please|"
         "how to cancel a purchase|I ordered by mistake cancel it|cancel the order I just placed|"
         "stop my order before it ships"},
        {"kb-password", 1, "account.password",
         "忘记密码怎么办|怎么重置密码|密码登录不上|修改登录密码|"
         "收不到重置密码的邮件|密码错误被锁定了|找回密码",
         "忘記密碼怎麼辦|怎麼重設密碼|密碼登入不了|修改登入密碼|"
         "收不到重設密碼的郵件|密碼錯誤被鎖住了|找回密碼",
         "I forgot my password|reset password|cannot log in wrong password|"
         "change my login password|password reset email never came|"
         "account locked after wrong password|recover my password"},
        {"kb-invoice", 2, "billing.invoice",
         "怎么开发票|能开增值税发票吗|发票什么时候寄出|电子发票在哪里下载|"
         "发票抬头写错了|可以补开发票吗|发票可以开公司名吗",
         "怎麼開發票|能開統一發票嗎|發票什麼時候寄出|電子發票在哪裡下載|"
         "發票抬頭寫錯了|可以補開發票嗎|發票可以開公司名嗎",
         "how do I get an invoice|can you issue a VAT invoice|when will the invoice be sent|"
         "where can I download my receipt|the invoice has the wrong company name|"
         "can I request an invoice later|invoice with my company name"},
    };
    return kb;
}

/// Paraphrases of the articles' questions that are not in the training set, in all three
/// scripts and mixed script: (text, article id).
inline const std::vector<std::pair<const char *, const char *>> &paraphrases()
{
    static const std::vector<std::pair<const char *, const char *>> cases = {
        {"快递怎么还没到，帮我看看物流", "kb-delivery"},
        {"鞋子尺码不合适想退货", "kb-returns"},
        {"我需要开一张发票", "kb-invoice"},
        {"能不能用微信付钱", "kb-payment"},
        {"我想改一下收貨地址", "kb-address"},
        {"帳號密碼忘記了怎麼辦", "kb-password"},
        {"請幫我取消這筆訂單", "kb-cancel"},
        {"退款什麼時候會到帳", "kb-refund"},
        {"I forgot my password and cannot sign in", "kb-password"},
        {"please send me an invoice for my purchase", "kb-invoice"},
        {"I'd like to cancel the order I placed", "kb-cancel"},
        {"where is my package right now", "kb-delivery"},
        {"我的 iPhone 15 退款还没到账", "kb-refund"},
    };
    return cases;
}

inline QList<SuggestionSource> sources(const std::vector<Article> &articles = knowledgeBase())
{
    QList<SuggestionSource> list;
    for (const Article &a : articles) {
        const std::pair<const char *, const char *> languages[] = {
            {a.simplified, "zh-CN"}, {a.traditional, "zh-TW"}, {a.english, "en"}};
        for (const auto &[questions, language] : languages) {
            for (const QString &question : QString::fromUtf8(questions).split(u'|')) {
                list.append({QString::fromLatin1(a.id), a.version, QString::fromLatin1(a.intent),
                             question, QString::fromLatin1(language)});
            }
        }
    }
    return list;
}

} // namespace tandem::testkb
