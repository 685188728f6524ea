#include "cli.h"

#include "auth.h"
#include "hub.h"
#include "kbcommand.h"
#include "sentimentcommand.h"
#include "simulator.h"
#include "store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace tandem::cli {

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << "tandem-hub: " << message << Qt::endl;
    return 1;
}

const char kUsage[] = R"(Usage: tandem-hub COMMAND [options]

Commands:
  serve                      run the hub (HTTP, WebSockets, customer chat page, REST API)
  user add NAME --role ROLE  create a user; the password is read from standard input
  user list                  list users
  user disable NAME          disable a user and end their sessions
  user enable NAME           enable a disabled user
  apikey add NAME            create an API key for an integration; printed once
  apikey list                list API keys (never the keys themselves)
  apikey revoke NAME         revoke an API key
  simulate --hub URL         open simulated customer connections that speak from a script
  kb import FILE             replace the knowledge base with a .json or .csv file
  kb export FILE             write the knowledge base to a .json or .csv file
  kb stats                   count articles, example questions and auto-answered articles
  sentiment train FILE       train the sentiment model from a labelled .csv or .tsv file
  sentiment status           show the active sentiment model and the earlier ones
  sentiment reset            go back to the built-in sentiment lexicon

Every command takes --database sqlite:PATH or postgresql://USER:PASS@HOST:PORT/DB.
Run 'tandem-hub COMMAND --help' for the options of one command.
)";

QString defaultDatabase()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QStringLiteral("sqlite:") + QDir(dir).filePath(QStringLiteral("hub.db"));
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(
        QStringLiteral("database"),
        QStringLiteral("Database: sqlite:PATH (created if missing) or "
                       "postgresql://USER:PASSWORD@HOST:PORT/DBNAME. Default: %1.")
            .arg(defaultDatabase()),
        QStringLiteral("url"), defaultDatabase());
}

/// Parses `args` (the command's own words after the program name) or prints help / errors.
bool parse(QCommandLineParser &parser, const QStringList &args, const QString &description,
           int &exitCode)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        exitCode = fail(parser.errorText() + QStringLiteral(" (see --help)"));
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        exitCode = 0;
        return false;
    }
    return true;
}

QString readPassword()
{
    const bool tty = isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        err() << "Password: " << Qt::flush;
        tcgetattr(STDIN_FILENO, &old);
        termios silent = old;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        err() << Qt::endl;
    }
    return line;
}

int userCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(databaseOption());
    parser.addOption({QStringLiteral("role"),
                      QStringLiteral("Role for 'user add': agent, supervisor, trainer or admin."),
                      QStringLiteral("role"), QStringLiteral("agent")});
    parser.addOption({QStringLiteral("display-name"),
                      QStringLiteral("Name shown to customers and colleagues (default: NAME)."),
                      QStringLiteral("text")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("add, list, disable or enable"));
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("the user's login name"));
    int code = 0;
    if (!parse(parser, args,
               QStringLiteral("Manage hub users. 'user add' reads the password "
                              "(at least %1 characters) from standard input.")
                   .arg(auth::kMinPasswordLength),
               code))
        return code;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (action != QLatin1String("list") && pos.size() != 2)
        return fail(QStringLiteral("usage: tandem-hub user add|disable|enable NAME | user list"));

    auto store = openStore(parser);
    if (!store.ok())
        return fail(store.error().message);
    Store &db = *store.value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString name = pos.value(1);

    if (action == QLatin1String("add")) {
        auto role = roleFromName(parser.value(QStringLiteral("role")));
        if (!role)
            return fail(
                QStringLiteral("unknown role \"%1\"; use agent, supervisor, trainer or admin")
                    .arg(parser.value(QStringLiteral("role"))));
        static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
        if (!valid.match(name).hasMatch())
            return fail(
                QStringLiteral("a user name is 1-64 letters, digits, '.', '_', '@' or '-'"));
        const QString password = readPassword();
        if (password.size() < auth::kMinPasswordLength)
            return fail(QStringLiteral("the password must have at least %1 characters")
                            .arg(auth::kMinPasswordLength));
        const QString display = parser.isSet(QStringLiteral("display-name"))
                                    ? parser.value(QStringLiteral("display-name")).trimmed()
                                    : name;
        auto id = db.addUser(name, display, *role, auth::hashPassword(password), now);
        if (!id.ok())
            return fail(id.error().message);
        db.audit(QStringLiteral("cli"), QStringLiteral("user.add"),
                 {{QStringLiteral("username"), name}, {QStringLiteral("role"), roleName(*role)}},
                 now);
        out() << "Created " << roleName(*role) << " " << name << " (id " << id.value() << ")"
              << Qt::endl;
        return 0;
    }
    if (action == QLatin1String("list")) {
        auto users = db.users();
        if (!users.ok())
            return fail(users.error().message);
        out() << QStringLiteral("%1  %2  %3  %4")
                     .arg(QStringLiteral("ID"), -5)
                     .arg(QStringLiteral("USER"), -20)
                     .arg(QStringLiteral("ROLE"), -10)
                     .arg(QStringLiteral("STATUS"))
              << Qt::endl;
        for (const User &u : users.value())
            out() << QStringLiteral("%1  %2  %3  %4")
                         .arg(u.id, -5)
                         .arg(u.username, -20)
                         .arg(roleName(u.role), -10)
                         .arg(u.disabled ? QStringLiteral("disabled") : QStringLiteral("active"))
                  << Qt::endl;
        return 0;
    }
    if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
        const bool disable = action == QLatin1String("disable");
        if (Status s = db.setUserDisabled(name, disable); !s.ok())
            return fail(s.error().message);
        if (disable) {
            if (auto u = db.userByName(name); u.ok())
                db.deleteSessionsOf(u->user.id);
        }
        db.audit(QStringLiteral("cli"), QStringLiteral("user.") + action,
                 {{QStringLiteral("username"), name}}, now);
        out() << (disable ? "Disabled " : "Enabled ") << name << Qt::endl;
        return 0;
    }
    return fail(
        QStringLiteral("unknown user action \"%1\"; use add, list, disable or enable").arg(action));
}

int apikeyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(databaseOption());
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add, list or revoke"));
    parser.addPositionalArgument(QStringLiteral("NAME"),
                                 QStringLiteral("a name for the integration"));
    int code = 0;
    if (!parse(parser, args,
               QStringLiteral("Manage API keys for the REST API. Keys are stored hashed "
                              "and shown once, when created."),
               code))
        return code;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (action != QLatin1String("list") && pos.size() != 2)
        return fail(QStringLiteral("usage: tandem-hub apikey add|revoke NAME | apikey list"));
    auto store = openStore(parser);
    if (!store.ok())
        return fail(store.error().message);
    Store &db = *store.value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString name = pos.value(1);

    if (action == QLatin1String("add")) {
        const QString key = QStringLiteral("tdm_") + auth::randomToken(32);
        auto id = db.addApiKey(name, auth::secretHash(key), key.left(10), now);
        if (!id.ok())
            return fail(id.error().message);
        db.audit(QStringLiteral("cli"), QStringLiteral("apikey.add"),
                 {{QStringLiteral("name"), name}}, now);
        err() << "API key for " << name << " (shown only now; store it safely):" << Qt::endl;
        out() << key << Qt::endl;
        return 0;
    }
    if (action == QLatin1String("list")) {
        auto keys = db.apiKeys();
        if (!keys.ok())
            return fail(keys.error().message);
        for (const ApiKey &k : keys.value())
            out() << QStringLiteral("%1  %2…  %3")
                         .arg(k.name, -20)
                         .arg(k.prefix)
                         .arg(k.revokedAtMs ? QStringLiteral("revoked") : QStringLiteral("active"))
                  << Qt::endl;
        return 0;
    }
    if (action == QLatin1String("revoke")) {
        if (Status s = db.revokeApiKey(name, now); !s.ok())
            return fail(s.error().message);
        db.audit(QStringLiteral("cli"), QStringLiteral("apikey.revoke"),
                 {{QStringLiteral("name"), name}}, now);
        out() << "Revoked " << name << Qt::endl;
        return 0;
    }
    return fail(
        QStringLiteral("unknown apikey action \"%1\"; use add, list or revoke").arg(action));
}

int s_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] auto n = ::write(s_signalPipe[1], &c, 1);
}

Result<std::pair<QHostAddress, quint16>> parseListen(const QString &value)
{
    const int colon = value.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = value.mid(colon + 1).toUInt(&portOk);
    QString host = value.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address(host);
    if (colon <= 0 || !portOk || port > 65535 || address.isNull())
        return Result<std::pair<QHostAddress, quint16>>::failure(
            QStringLiteral("invalid_argument"),
            QStringLiteral("--listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080 (port "
                           "0: any free port)"));
    return std::pair{address, quint16(port)};
}

int serveCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(databaseOption());
    parser.addOption(
        {QStringLiteral("listen"),
         QStringLiteral("Address and port to serve HTTP and WebSockets on. Use 0.0.0.0:PORT "
                        "to accept other machines (put TLS in front, e.g. a reverse proxy)."),
         QStringLiteral("address:port"), QStringLiteral("127.0.0.1:8080")});
    parser.addOption({QStringLiteral("capacity"),
                      QStringLiteral("Conversations one agent may hold at once."),
                      QStringLiteral("n"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("peak-wait"),
                      QStringLiteral("When the longest wait in the queue passes this many "
                                     "seconds, customers handed to people get a holding message "
                                     "with the bot's best answer marked as automatic (0: never)."),
                      QStringLiteral("seconds"), QStringLiteral("180")});
    parser.addOption({QStringLiteral("no-bot"),
                      QStringLiteral("New conversations go straight to the queue; the bot only "
                                     "prepares suggestions for agents.")});
    int code = 0;
    if (!parse(parser, args,
               QStringLiteral("Run the Tandem hub: the customer chat page at /chat, "
                              "WebSockets at /ws/customer and /ws/agent, and the REST API "
                              "under /api/v1."),
               code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("serve takes no arguments: %1")
                        .arg(parser.positionalArguments().join(u' ')));

    auto listen = parseListen(parser.value(QStringLiteral("listen")));
    if (!listen.ok())
        return fail(listen.error().message);
    auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url.ok())
        return fail(url.error().message);
    bool capacityOk = false;
    const int capacity = parser.value(QStringLiteral("capacity")).toInt(&capacityOk);
    if (!capacityOk || capacity < 1 || capacity > 1000)
        return fail(QStringLiteral("--capacity wants a number from 1 to 1000"));
    bool peakOk = false;
    const int peakWait = parser.value(QStringLiteral("peak-wait")).toInt(&peakOk);
    if (!peakOk || peakWait < 0 || peakWait > 24 * 3600)
        return fail(QStringLiteral("--peak-wait wants seconds from 0 to 86400"));

    HubConfig config;
    config.address = listen->first;
    config.port = listen->second;
    config.database = url.value();
    config.settings.agentCapacity = capacity;
    config.settings.peakWaitMs = qint64(peakWait) * 1000;
    config.settings.botEnabled = !parser.isSet(QStringLiteral("no-bot"));
    auto hub = Hub::start(config);
    if (!hub.ok())
        return fail(hub.error().message);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, qApp);
        QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
            char c;
            [[maybe_unused]] auto n = ::read(s_signalPipe[0], &c, 1);
            err() << "tandem-hub: shutting down" << Qt::endl;
            QCoreApplication::quit();
        });
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    const int rc = QCoreApplication::exec();
    hub.value().reset();
    return rc;
}

int simulateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("hub"),
                      QStringLiteral("The hub's address, e.g. http://127.0.0.1:8080."),
                      QStringLiteral("url"), QStringLiteral("http://127.0.0.1:8080")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("New customers per minute."),
                      QStringLiteral("n"), QStringLiteral("6")});
    parser.addOption({QStringLiteral("customers"), QStringLiteral("How many customers in all."),
                      QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption(
        {QStringLiteral("script"),
         QStringLiteral("A tandem-simulation JSON file (default: the built-in bilingual "
                        "demo script)."),
         QStringLiteral("file")});
    parser.addOption({QStringLiteral("time-scale"),
                      QStringLiteral("Multiplies the script's pauses (0.1 = ten times faster)."),
                      QStringLiteral("x"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed, for a repeatable run."),
                      QStringLiteral("n"), QStringLiteral("0")});
    int code = 0;
    if (!parse(parser, args,
               QStringLiteral("Simulate customers: real customer WebSocket connections "
                              "that speak Simplified Chinese, Traditional Chinese and "
                              "English from a script, including impatient and unhappy "
                              "customers."),
               code))
        return code;
    const QUrl hub(parser.value(QStringLiteral("hub")));
    if (!hub.isValid() ||
        (hub.scheme() != QLatin1String("http") && hub.scheme() != QLatin1String("https")))
        return fail(QStringLiteral("--hub wants an http:// or https:// address"));
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    const double rate = parser.value(QStringLiteral("rate")).toDouble(&ok1);
    const int total = parser.value(QStringLiteral("customers")).toInt(&ok2);
    const double scale = parser.value(QStringLiteral("time-scale")).toDouble(&ok3);
    const quint32 seed = parser.value(QStringLiteral("seed")).toUInt(&ok4);
    if (!ok1 || rate <= 0 || rate > 60000)
        return fail(QStringLiteral("--rate wants a number of customers per minute above 0"));
    if (!ok2 || total < 1 || total > 100000)
        return fail(QStringLiteral("--customers wants a number from 1 to 100000"));
    if (!ok3 || scale < 0 || scale > 100)
        return fail(QStringLiteral("--time-scale wants a number from 0 to 100"));
    if (!ok4)
        return fail(QStringLiteral("--seed wants a non-negative number"));
    auto script = parser.isSet(QStringLiteral("script"))
                      ? SimulationScript::fromFile(parser.value(QStringLiteral("script")))
                      : SimulationScript::builtIn();
    if (!script.ok())
        return fail(script.error().message);

    CustomerSimulator simulator(hub, script.value());
    QObject::connect(&simulator, &CustomerSimulator::finished, qApp, [&simulator] {
        const auto &s = simulator.stats();
        out() << "Done: " << s.started << " customers, " << s.messagesAcknowledged << "/"
              << s.messagesSent << " messages acknowledged, " << s.repliesReceived
              << " replies received, " << s.errors << " errors" << Qt::endl;
        QCoreApplication::exit(s.started > 0 && s.messagesAcknowledged == 0 ? 1 : 0);
    });
    err() << "Simulating " << total << " customers at " << rate << "/min against " << hub.toString()
          << " (Ctrl+C to stop)" << Qt::endl;
    simulator.start(rate, total, scale, seed);
    return QCoreApplication::exec();
}

} // namespace

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    // Each command parses its own words; the program name stays first for QCommandLineParser.
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.value(0) + u' ' + command);
    if (command == QLatin1String("serve"))
        return serveCommand(rest);
    if (command == QLatin1String("user"))
        return userCommand(rest);
    if (command == QLatin1String("apikey"))
        return apikeyCommand(rest);
    if (command == QLatin1String("simulate"))
        return simulateCommand(rest);
    if (command == QLatin1String("kb"))
        return kbCommand(rest, databaseOption());
    if (command == QLatin1String("sentiment"))
        return sentimentCommand(rest, databaseOption());
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << "tandem-hub " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        out() << kUsage;
        return command.isEmpty() ? 1 : 0;
    }
    err() << "tandem-hub: unknown command \"" << command << "\"\n\n" << kUsage;
    return 1;
}

Result<std::unique_ptr<Store>> openStore(const QCommandLineParser &parser)
{
    auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url.ok())
        return url.error();
    return Store::open(url.value(), QStringLiteral("tandem-cli"));
}

} // namespace tandem::cli
