// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/attributes/AttributeCommand.h"

#include "agent/attributes/AttributeCache.h"
#include "agent/attributes/AttributeClient.h"
#include "agent/enrol/AgentState.h"

#include <QDateTime>

namespace steward::agent {
namespace {

const QString Usage = QStringLiteral(
    "usage: steward-agent --state-dir DIR attr list | get NAME | set NAME VALUE | reset NAME | "
    "sync");

struct Subcommand {
    const char* name;
    qsizetype arguments; // including the subcommand itself
};
constexpr Subcommand Subcommands[] = {
    {"list", 1}, {"get", 2}, {"set", 3}, {"reset", 2}, {"sync", 1}};

bool unreachable(ErrorCode code)
{
    return code == ErrorCode::ConnectionFailed || code == ErrorCode::TlsHandshakeFailed
           || code == ErrorCode::ConnectionClosed || code == ErrorCode::Timeout;
}

int exitCodeFor(ErrorCode code)
{
    if (code == ErrorCode::OverwriteRefused) {
        return ExitAttrRefused;
    }
    if (unreachable(code)) {
        return ExitAttrUnreachable;
    }
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidValue:
    case ErrorCode::NotFound:
    case ErrorCode::MissingField:
    case ErrorCode::WrongFieldType:
        return ExitAttrBadInput;
    default:
        return 1;
    }
}

const protocol::AttributeEntry* find(const protocol::AttributeSnapshot& snapshot,
                                     const QString& name)
{
    const auto it = std::find_if(snapshot.attributes.begin(), snapshot.attributes.end(),
                                 [&](const auto& entry) { return entry.name == name; });
    return it != snapshot.attributes.end() ? &*it : nullptr;
}

class Command {
public:
    Command(const QStringList& arguments, const AttributeCommandContext& context)
        : m_args(arguments), m_context(context)
    {}

    int run()
    {
        if (auto usage = checkUsage(); usage != 0) {
            return usage;
        }
        const QString sub = m_args.first();
        const QString name = m_args.value(1);
        auto cached = loadAttributeCache(m_context.state);
        if (!cached) {
            m_context.err << QStringLiteral("steward-agent: warning: ") << cached.error().message
                          << Qt::endl;
        }
        const auto* cache = cached && cached->has_value() ? &**cached : nullptr;
        if (sub == QLatin1String("set")) {
            if (auto checked = checkBeforeSending(cache, name, m_args.at(2)); checked != 0) {
                return checked;
            }
        }
        auto snapshot = requestAttributes(m_context.link, requestFor(m_args), m_context.timeout);
        if (!snapshot) {
            const bool readOnly = sub == QLatin1String("list") || sub == QLatin1String("get");
            if (readOnly && cache && unreachable(snapshot.error().code)) {
                m_context.err << QStringLiteral("steward-agent: the server is unreachable (%1); "
                                                "showing the cached copy from %2")
                                     .arg(snapshot.error().message,
                                          QDateTime::fromSecsSinceEpoch(cache->fetchedAt, Qt::UTC)
                                              .toString(Qt::ISODate))
                              << Qt::endl;
                return show(sub, name, cache->snapshot);
            }
            return fail(exitCodeFor(snapshot.error().code), snapshot.error().message);
        }
        if (auto saved = saveAttributeCache(m_context.state, *snapshot); !saved) {
            m_context.err << QStringLiteral("steward-agent: warning: ") << saved.error().message
                          << Qt::endl;
        }
        return show(sub, name, *snapshot);
    }

private:
    int fail(int code, const QString& message)
    {
        m_context.err << QStringLiteral("steward-agent: ") << message << Qt::endl;
        return code;
    }

    int checkUsage()
    {
        if (m_args.isEmpty()) {
            return fail(ExitAttrBadInput, Usage);
        }
        const auto* sub =
            std::find_if(std::begin(Subcommands), std::end(Subcommands),
                         [&](const auto& s) { return m_args.first() == QLatin1String(s.name); });
        if (sub == std::end(Subcommands)) {
            return fail(
                ExitAttrBadInput,
                QStringLiteral("unknown attr command \"%1\"; %2").arg(m_args.first(), Usage));
        }
        if (m_args.size() != sub->arguments) {
            return fail(ExitAttrBadInput, Usage);
        }
        if (m_args.size() > 1) {
            if (auto named = protocol::checkAttributeName(m_args.at(1)); !named) {
                return fail(ExitAttrBadInput, named.error().message);
            }
        }
        return 0;
    }

    // Refuses what the server would refuse, before anything is sent: the length always, the
    // type and allowed values when the cache knows the attribute.
    int checkBeforeSending(const CachedAttributes* cache, const QString& name, const QString& value)
    {
        const auto* known = cache ? find(cache->snapshot, name) : nullptr;
        const protocol::AttributeShape shape =
            known ? protocol::AttributeShape{known->type, known->allowedValues}
                  : protocol::AttributeShape{};
        if (auto fits = protocol::checkAttributeValue(name, shape, value); !fits) {
            return fail(ExitAttrBadInput, fits.error().message);
        }
        return 0;
    }

    static protocol::Message requestFor(const QStringList& args)
    {
        if (args.first() == QLatin1String("set")) {
            return protocol::AttributeSet{args.at(1), args.at(2)};
        }
        if (args.first() == QLatin1String("reset")) {
            return protocol::AttributeReset{args.at(1)};
        }
        return protocol::AttributeSync{};
    }

    int show(const QString& sub, const QString& name, const protocol::AttributeSnapshot& snapshot)
    {
        QTextStream& out = m_context.out;
        if (sub == QLatin1String("list")) {
            for (const auto& entry : snapshot.attributes) {
                out << entry.name << '\t' << protocol::attributeTypeName(entry.type) << '\t'
                    << protocol::overwriteRuleName(entry.rule) << '\t'
                    << entry.value.value_or(QString()) << Qt::endl;
            }
            return 0;
        }
        if (sub == QLatin1String("sync")) {
            out << QStringLiteral("synchronised %1 attribute(s)").arg(snapshot.attributes.size())
                << Qt::endl;
            return 0;
        }
        const auto* entry = find(snapshot, name);
        if (!entry) {
            return fail(ExitAttrBadInput,
                        QStringLiteral("no attribute named \"%1\" is defined").arg(name));
        }
        if (sub == QLatin1String("get")) {
            if (entry->value) {
                out << *entry->value << Qt::endl;
            } else {
                m_context.err << QStringLiteral("steward-agent: \"%1\" has no value").arg(name)
                              << Qt::endl;
            }
            return 0;
        }
        if (sub == QLatin1String("set")) {
            out << name << '=' << entry->value.value_or(QString()) << Qt::endl;
        } else {
            out << QStringLiteral("%1 reset").arg(name) << Qt::endl;
        }
        return 0;
    }

    const QStringList& m_args;
    const AttributeCommandContext& m_context;
};

} // namespace

int runAttributeCommand(const QStringList& arguments, const AttributeCommandContext& context)
{
    return Command(arguments, context).run();
}

} // namespace steward::agent
