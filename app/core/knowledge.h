#pragma once

#include "result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tandem {

/// One language's version of a knowledge-base article.
struct KbContent
{
    QString title;
    QString answer;
    QStringList questions; // example customer questions, in the author's order

    friend bool operator==(const KbContent &, const KbContent &) = default;
};

/// A knowledge-base article: one intent, answered in up to three languages.
struct KbArticle
{
    QString id;     // kebab-case, unique
    QString intent; // dotted lower-case, e.g. delivery.tracking
    QStringList tags;
    bool autoAnswer = false;
    bool enabled = true;
    int version = 1;
    QDate lastReviewed;
    QMap<QString, KbContent> content; // keyed by language: en, zh-CN, zh-TW

    /// The article as it appears in a tandem-kb file.
    QJsonObject toJson() const;
    /// Reads an article of a tandem-kb file. `where` prefixes every error ("articles[3]").
    static Result<KbArticle> fromJson(const QJsonObject &object, const QString &where);
    /// Checks the values (formats, languages, variables); errors name `where` and the field.
    Status validate(const QString &where) const;

    friend bool operator==(const KbArticle &, const KbArticle &) = default;
};

/// A whole knowledge base: the shop's name per language and the articles, in order.
struct KnowledgeBase
{
    QMap<QString, QString> shopName;
    QList<KbArticle> articles;

    friend bool operator==(const KnowledgeBase &, const KnowledgeBase &) = default;
};

namespace kb {

/// The content languages, in export order.
const QStringList &languages();
/// The template variables an answer may use ({{customer.name}} …).
const QStringList &allowedVariables();

/// "articles[3] (order-status)" once the id is known, so errors point at a findable place.
QString articleLabel(int index, const QString &id);

/// Validates every article and that ids are unique; the first problem is returned.
Status validate(const QList<KbArticle> &articles);

} // namespace kb

} // namespace tandem
