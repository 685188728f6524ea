#include "assisttext.h"

#include <QCoreApplication>
#include <QLocale>

namespace tandem::assisttext {

QString routingReason(const QString &reason)
{
    if (reason == QLatin1String("bot_answered"))
        return QCoreApplication::translate("tandem::AssistText", "The bot answered");
    if (reason == QLatin1String("human_requested"))
        return QCoreApplication::translate("tandem::AssistText", "The customer asked for a person");
    if (reason == QLatin1String("negative_sentiment"))
        return QCoreApplication::translate("tandem::AssistText", "The customer is unhappy");
    if (reason == QLatin1String("unknown_question"))
        return QCoreApplication::translate("tandem::AssistText",
                                           "The bot is not sure of the answer");
    if (reason == QLatin1String("not_cleared"))
        return QCoreApplication::translate("tandem::AssistText",
                                           "This topic is not cleared for automatic answers");
    if (reason == QLatin1String("bot_failed_twice"))
        return QCoreApplication::translate("tandem::AssistText",
                                           "The bot's answers did not help twice");
    if (reason == QLatin1String("bot_unavailable"))
        return QCoreApplication::translate("tandem::AssistText", "The bot is not trained yet");
    if (reason == QLatin1String("with_human"))
        return QCoreApplication::translate("tandem::AssistText", "Already with a person");
    return reason;
}

QString trend(const QString &trend)
{
    if (trend == QLatin1String("falling"))
        return QCoreApplication::translate("tandem::AssistText", "falling");
    if (trend == QLatin1String("rising"))
        return QCoreApplication::translate("tandem::AssistText", "rising");
    if (trend == QLatin1String("steady"))
        return QCoreApplication::translate("tandem::AssistText", "steady");
    return trend;
}

QString suggestionReason(const QString &reason)
{
    if (reason == QLatin1String("wrong_intent"))
        return QCoreApplication::translate("tandem::AssistText", "Wrong intent");
    if (reason == QLatin1String("outdated_article"))
        return QCoreApplication::translate("tandem::AssistText", "Outdated article");
    if (reason == QLatin1String("tone"))
        return QCoreApplication::translate("tandem::AssistText", "Tone");
    if (reason == QLatin1String("policy"))
        return QCoreApplication::translate("tandem::AssistText", "Policy");
    if (reason == QLatin1String("missing_data"))
        return QCoreApplication::translate("tandem::AssistText", "Missing data");
    if (reason == QLatin1String("already_answered"))
        return QCoreApplication::translate("tandem::AssistText", "Customer already answered");
    if (reason == QLatin1String("other"))
        return QCoreApplication::translate("tandem::AssistText", "Other");
    return reason;
}

QString percent(double confidence)
{
    return QLocale().toString(qRound(confidence * 100)) + QLatin1Char('%');
}

} // namespace tandem::assisttext
