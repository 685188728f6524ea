#include "kbfile.h"

#include "store.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace tandem::kbfile {

namespace {

const QString kFormatName = QStringLiteral("tandem-kb");
constexpr int kFormatVersion = 1;

Error invalid(const QString &message)
{
    return {QStringLiteral("invalid_argument"), message};
}

/// Line and column (1-based, in bytes) of a byte offset, for JSON syntax errors.
QString position(const QByteArray &data, int offset)
{
    const QByteArray before = data.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace

Result<Format> formatFromName(const QString &name)
{
    if (name.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return Format::Json;
    if (name.compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return Format::Csv;
    return invalid(
        QStringLiteral("unknown knowledge-base format \"%1\"; use json or csv").arg(name));
}

Result<Format> formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.isEmpty())
        return invalid(QStringLiteral("%1: cannot tell the format without a .json or .csv "
                                      "extension (use --format)")
                           .arg(path));
    auto format = formatFromName(suffix);
    if (!format)
        return invalid(QStringLiteral("%1: unknown extension .%2; use .json or .csv (or --format)")
                           .arg(path, suffix));
    return format;
}

Result<KnowledgeBase> parseJson(const QByteArray &data)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("JSON syntax error at %1: %2")
                           .arg(position(data, parseError.offset), parseError.errorString()));
    if (!doc.isObject())
        return invalid(QStringLiteral("the top level must be a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormatName)
        return invalid(QStringLiteral("format: must be \"%1\"").arg(kFormatName));
    if (root.value(QStringLiteral("formatVersion")).toInt(-1) != kFormatVersion)
        return invalid(QStringLiteral("formatVersion: must be %1 (this Tandem reads version %1)")
                           .arg(kFormatVersion));

    KnowledgeBase kb;
    if (root.contains(QStringLiteral("shop"))) {
        const QJsonValue names =
            root.value(QStringLiteral("shop")).toObject().value(QStringLiteral("name"));
        if (!names.isObject())
            return invalid(QStringLiteral("shop.name: must be an object keyed by language"));
        const QJsonObject o = names.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!kb::languages().contains(it.key()))
                return invalid(QStringLiteral("shop.name.%1: unsupported language").arg(it.key()));
            if (!it.value().isString() || it.value().toString().trimmed().isEmpty())
                return invalid(
                    QStringLiteral("shop.name.%1: must be a non-empty string").arg(it.key()));
            kb.shopName.insert(it.key(), it.value().toString());
        }
    }
    const QJsonValue articles = root.value(QStringLiteral("articles"));
    if (!articles.isArray())
        return invalid(root.contains(QStringLiteral("articles"))
                           ? QStringLiteral("articles: must be an array")
                           : QStringLiteral("articles: missing field"));
    const QJsonArray array = articles.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = kb::articleLabel(int(i), {});
        if (!array.at(i).isObject())
            return invalid(where + QStringLiteral(": must be an object"));
        auto article = KbArticle::fromJson(array.at(i).toObject(), where);
        if (!article)
            return article.error();
        kb.articles.append(std::move(article).value());
    }
    if (Status s = kb::validate(kb.articles); !s)
        return s.error();
    return kb;
}

QByteArray toJson(const KnowledgeBase &kb)
{
    QJsonObject root{{QStringLiteral("format"), kFormatName},
                     {QStringLiteral("formatVersion"), kFormatVersion}};
    if (!kb.shopName.isEmpty()) {
        QJsonObject names;
        for (auto it = kb.shopName.constBegin(); it != kb.shopName.constEnd(); ++it)
            names.insert(it.key(), it.value());
        root.insert(QStringLiteral("shop"), QJsonObject{{QStringLiteral("name"), names}});
    }
    QJsonArray articles;
    for (const KbArticle &a : kb.articles)
        articles.append(a.toJson());
    root.insert(QStringLiteral("articles"), articles);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<KnowledgeBase> readFile(const QString &path, Format format)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();
    auto kb = format == Format::Json ? parseJson(data) : parseCsv(data);
    if (!kb)
        return invalid(path + QStringLiteral(": ") + kb.error().message);
    return kb;
}

Status writeFile(const QString &path, Format format, const KnowledgeBase &kb)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return invalid(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    file.write(format == Format::Json ? toJson(kb) : toCsv(kb.articles));
    if (!file.commit())
        return invalid(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

Result<KnowledgeBase> importFile(Store &store, const QString &path, Format format, qint64 nowMs)
{
    auto kb = readFile(path, format);
    if (!kb)
        return kb;
    if (Status s = store.replaceKnowledgeBase(kb->articles, nowMs, kb->shopName); !s)
        return s.error();
    return kb;
}

Result<KnowledgeBase> exportFile(Store &store, const QString &path, Format format)
{
    KnowledgeBase kb;
    auto articles = store.articles();
    if (!articles)
        return articles.error();
    kb.articles = std::move(articles).value();
    auto shop = store.kbShopName();
    if (!shop)
        return shop.error();
    kb.shopName = std::move(shop).value();
    if (Status s = writeFile(path, format, kb); !s)
        return s.error();
    return kb;
}

} // namespace tandem::kbfile
