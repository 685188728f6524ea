#include "protocol.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringDecoder>

namespace tandem::protocol {

namespace {

enum class FieldType
{
    String,
    NonEmptyText,
    Integer,
    OptionalString,
    OptionalInteger,
    OptionalBool,
    Bool,
    Object,
    OptionalObject
};

struct Field
{
    const char *name;
    FieldType type;
};

struct Command
{
    Channel channel;
    const char *type;
    std::initializer_list<Field> fields;
};

// The schema of every command: adding a command means adding a row here and a handler in the hub.
const Command kCommands[] = {
    {Channel::Agent, "login", {{"username", FieldType::String}, {"password", FieldType::String}}},
    {Channel::Agent,
     "hello",
     {{"token", FieldType::String}, {"lastSeq", FieldType::OptionalInteger}}},
    {Channel::Agent, "logout", {}},
    {Channel::Agent, "ping", {}},
    {Channel::Agent, "users", {}},
    {Channel::Agent,
     "kb.search",
     {{"query", FieldType::NonEmptyText}, {"limit", FieldType::OptionalInteger}}},
    {Channel::Agent, "kb.article", {{"articleId", FieldType::String}}},
    {Channel::Agent, "kb.save", {{"article", FieldType::Object}}},
    {Channel::Agent,
     "sentiment.tag",
     {{"conversationId", FieldType::Integer},
      {"label", FieldType::String},
      {"messageId", FieldType::OptionalInteger}}},
    {Channel::Agent,
     "sentiment.tags",
     {{"conversationId", FieldType::OptionalInteger},
      {"disagreements", FieldType::OptionalBool},
      {"beforeId", FieldType::OptionalInteger},
      {"limit", FieldType::OptionalInteger}}},
    {Channel::Agent, "canned.list", {}},
    {Channel::Agent, "canned.save", {{"response", FieldType::Object}}},
    {Channel::Agent, "canned.delete", {{"cannedId", FieldType::Integer}}},
    {Channel::Agent, "claim", {{"conversationId", FieldType::Integer}}},
    {Channel::Agent, "release", {{"conversationId", FieldType::Integer}}},
    {Channel::Agent,
     "transfer",
     {{"conversationId", FieldType::Integer},
      {"to", FieldType::String},
      {"note", FieldType::OptionalString}}},
    {Channel::Agent, "close", {{"conversationId", FieldType::Integer}}},
    {Channel::Agent,
     "send",
     {{"conversationId", FieldType::Integer},
      {"text", FieldType::NonEmptyText},
      {"assist", FieldType::OptionalObject}}},
    {Channel::Agent,
     "suggestion.reason",
     {{"outcomeId", FieldType::Integer}, {"reason", FieldType::String}}},
    {Channel::Agent,
     "suggestion.ignored",
     {{"conversationId", FieldType::Integer},
      {"messageId", FieldType::Integer},
      {"displayMs", FieldType::OptionalInteger}}},
    {Channel::Agent,
     "suggestion.outcomes",
     {{"conversationId", FieldType::OptionalInteger},
      {"beforeId", FieldType::OptionalInteger},
      {"limit", FieldType::OptionalInteger}}},
    {Channel::Agent, "bot.handBack", {{"conversationId", FieldType::Integer}}},
    {Channel::Agent,
     "kb.autoAnswer",
     {{"articleId", FieldType::String}, {"autoAnswer", FieldType::Bool}}},
    {Channel::Agent,
     "history",
     {{"conversationId", FieldType::Integer},
      {"beforeId", FieldType::OptionalInteger},
      {"limit", FieldType::OptionalInteger}}},
    {Channel::Customer,
     "hello",
     {{"customerKey", FieldType::String},
      {"name", FieldType::OptionalString},
      {"locale", FieldType::OptionalString},
      {"afterMessageId", FieldType::OptionalInteger}}},
    {Channel::Customer, "message", {{"text", FieldType::NonEmptyText}}},
    {Channel::Customer, "ping", {}},
};

const Command *findCommand(Channel channel, const QString &type)
{
    for (const Command &c : kCommands) {
        if (c.channel == channel && type == QLatin1String(c.type))
            return &c;
    }
    return nullptr;
}

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d == static_cast<double>(static_cast<qint64>(d)) && d >= 0 && d < 9.007199254740992e15;
}

Status checkField(const QJsonObject &o, const Field &f)
{
    const QString name = QString::fromLatin1(f.name);
    const QJsonValue v = o.value(name);
    const bool optional = f.type == FieldType::OptionalString ||
                          f.type == FieldType::OptionalInteger ||
                          f.type == FieldType::OptionalBool || f.type == FieldType::OptionalObject;
    if (v.isUndefined() || v.isNull()) {
        if (optional)
            return {};
        return Status::failure(QString::fromLatin1(errc::MissingField),
                               QStringLiteral("missing field \"%1\"").arg(name));
    }
    switch (f.type) {
    case FieldType::String:
    case FieldType::OptionalString:
        if (!v.isString())
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" must be a string").arg(name));
        if (v.toString().size() > kMaxTextLength)
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" is too long").arg(name));
        return {};
    case FieldType::NonEmptyText:
        if (!v.isString())
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" must be a string").arg(name));
        if (v.toString().trimmed().isEmpty())
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" must not be empty").arg(name));
        if (v.toString().size() > kMaxTextLength)
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" is longer than %2 characters")
                                       .arg(name)
                                       .arg(kMaxTextLength));
        return {};
    case FieldType::OptionalBool:
    case FieldType::Bool:
        if (!v.isBool())
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" must be true or false").arg(name));
        return {};
    case FieldType::Object:
    case FieldType::OptionalObject:
        if (!v.isObject())
            return Status::failure(QString::fromLatin1(errc::InvalidField),
                                   QStringLiteral("field \"%1\" must be an object").arg(name));
        return {};
    case FieldType::Integer:
    case FieldType::OptionalInteger:
        if (!isInteger(v))
            return Status::failure(
                QString::fromLatin1(errc::InvalidField),
                QStringLiteral("field \"%1\" must be a non-negative integer").arg(name));
        return {};
    }
    return {};
}

Result<Frame> fail(const char *code, QString message)
{
    return Result<Frame>::failure(QString::fromLatin1(code), std::move(message));
}

} // namespace

Result<Frame> decode(const QByteArray &bytes, Channel channel)
{
    if (bytes.size() > kMaxFrameBytes)
        return fail(errc::FrameTooLarge,
                    QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                        .arg(bytes.size())
                        .arg(kMaxFrameBytes));

    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return fail(errc::BadUtf8, QStringLiteral("frame is not valid UTF-8"));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(errc::BadJson, QStringLiteral("invalid JSON at offset %1: %2")
                                       .arg(parseError.offset)
                                       .arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(errc::BadJson, QStringLiteral("a frame must be a JSON object"));

    const QJsonObject o = doc.object();
    const QJsonValue v = o.value(QStringLiteral("v"));
    if (v.isUndefined())
        return fail(errc::MissingField, QStringLiteral("missing field \"v\" (protocol version)"));
    if (!isInteger(v) || v.toInteger() != kVersion)
        return fail(
            errc::BadVersion,
            QStringLiteral("unsupported protocol version; this hub speaks v%1").arg(kVersion));

    const QJsonValue typeValue = o.value(QStringLiteral("type"));
    if (!typeValue.isString() || typeValue.toString().isEmpty())
        return fail(errc::MissingField, QStringLiteral("missing field \"type\""));
    const QString type = typeValue.toString();

    const QJsonValue idValue = o.value(QStringLiteral("id"));
    if (!idValue.isString() || idValue.toString().isEmpty())
        return fail(errc::MissingField, QStringLiteral("missing field \"id\" (command id)"));
    if (idValue.toString().size() > kMaxIdLength)
        return fail(errc::InvalidField,
                    QStringLiteral("field \"id\" is longer than %1 characters").arg(kMaxIdLength));

    const Command *command = findCommand(channel, type);
    if (!command)
        return fail(errc::UnknownType,
                    QStringLiteral("unknown frame type \"%1\"").arg(type.left(kMaxIdLength)));

    for (const Field &f : command->fields) {
        const Status s = checkField(o, f);
        if (!s.ok())
            return Result<Frame>(s.error());
    }
    return Frame{type, idValue.toString(), o};
}

QString peekId(const QByteArray &bytes)
{
    if (bytes.size() > kMaxFrameBytes)
        return {};
    const QJsonValue id = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("id"));
    return id.isString() ? id.toString().left(kMaxIdLength) : QString();
}

QStringList commandTypes(Channel channel)
{
    QStringList types;
    for (const Command &c : kCommands) {
        if (c.channel == channel)
            types << QString::fromLatin1(c.type);
    }
    return types;
}

QByteArray encode(const QJsonObject &frame)
{
    QJsonObject o = frame;
    o.insert(QStringLiteral("v"), kVersion);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray ack(const QString &id, const QJsonObject &result)
{
    QJsonObject o = result;
    o.insert(QStringLiteral("type"), QStringLiteral("ack"));
    o.insert(QStringLiteral("id"), id);
    return encode(o);
}

QByteArray error(const QString &id, const QString &code, const QString &message)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("error")},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("message"), message}};
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    return encode(o);
}

QByteArray error(const QString &id, const Error &e)
{
    return error(id, e.code, e.message);
}

QByteArray event(const Event &e)
{
    QJsonObject o = e.toJson();
    o.insert(QStringLiteral("type"), QStringLiteral("event"));
    return encode(o);
}

} // namespace tandem::protocol
