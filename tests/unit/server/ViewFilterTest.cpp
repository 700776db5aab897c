// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ViewFilter.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace steward;
using namespace steward::server::services;

namespace {

QJsonObject json(const char* text)
{
    const auto document = QJsonDocument::fromJson(QByteArray(text));
    REQUIRE(document.isObject());
    return document.object();
}

ViewFilter parsed(const char* text)
{
    auto filter = parseViewFilter(json(text));
    INFO((filter ? std::string() : filter.error().message.toStdString()));
    REQUIRE(filter.ok());
    return *filter;
}

// The error of a filter that must be refused.
Error refused(const char* text)
{
    auto filter = parseViewFilter(json(text), QStringLiteral("body.filter"));
    REQUIRE_FALSE(filter.ok());
    return filter.error();
}

// A device "TC-042" in folder 3 (below 1), online, room=lab, running Debian.
ViewSubject subject()
{
    server::db::Device device;
    device.name = QStringLiteral("TC-042");
    device.hostname = QStringLiteral("thin-042");
    device.unitId = QStringLiteral("00:11:22:33:44:55");
    device.lastIp = QStringLiteral("10.1.2.3");
    device.inventory =
        QString::fromUtf8(R"js({"os":"Debian GNU/Linux 12 (bookworm)","kernel":"6.1.0-18-amd64",)js"
                          R"js("agentVersion":"0.9.0","cpuModel":"Intel Atom"})js");
    return viewSubjectOf(device, {3, 1}, {{QStringLiteral("room"), QStringLiteral("lab")}}, true);
}

bool selects(const char* filter)
{
    return viewMatches(parsed(filter), subject());
}

} // namespace

TEST_CASE("a view filter selects by name, device fields and inventory", "[unit][views]")
{
    CHECK(selects(R"({"all":[]})")); // no condition: every device
    CHECK(selects(R"({"all":[{"field":"name","equals":"TC-042"}]})"));
    CHECK_FALSE(selects(R"({"all":[{"field":"name","equals":"tc-042"}]})")); // equals is exact
    CHECK(selects(R"({"all":[{"field":"name","glob":"tc-0??"}]})"));         // globs ignore case
    CHECK_FALSE(selects(R"({"all":[{"field":"name","glob":"TC-0?"}]})"));    // and are anchored
    CHECK(selects(R"({"all":[{"field":"name","regex":"TC-\\d+"}]})"));
    CHECK_FALSE(selects(R"({"all":[{"field":"name","regex":"TC"}]})")); // anchored too
    CHECK(selects(R"({"all":[{"field":"hostname","glob":"thin-*"}]})"));
    CHECK(selects(R"({"all":[{"field":"unitId","glob":"00:11:*"}]})"));
    CHECK(selects(R"({"all":[{"field":"lastIp","glob":"10.1.*"}]})"));
    // A glob's * crosses '/', unlike a path wildcard.
    CHECK(selects(R"({"all":[{"field":"os","glob":"debian gnu/*"}]})"));
    CHECK(selects(R"({"all":[{"field":"kernel","regex":"6\\.1\\..*"}]})"));
    CHECK(selects(R"({"all":[{"field":"agentVersion","equals":"0.9.0"}]})"));
    CHECK(selects(R"({"all":[{"field":"cpuModel","glob":"*atom*"}]})"));
    // All of them must hold.
    CHECK(selects(R"({"all":[{"field":"name","glob":"TC-*"},{"field":"online","equals":true}]})"));
    CHECK_FALSE(
        selects(R"({"all":[{"field":"name","glob":"TC-*"},{"field":"online","equals":false}]})"));
}

TEST_CASE("a view filter selects by folder, with or without subfolders, and by attribute",
          "[unit][views]")
{
    CHECK(selects(R"({"all":[{"field":"folder","folder":3}]})"));
    CHECK(selects(R"({"all":[{"field":"folder","folder":1}]})")); // subfolders by default
    CHECK_FALSE(selects(R"({"all":[{"field":"folder","folder":1,"subfolders":false}]})"));
    CHECK(selects(R"({"all":[{"field":"folder","folder":3,"subfolders":false}]})"));
    CHECK(selects(R"({"all":[{"field":"folder","folder":null}]})")); // the root and below
    CHECK_FALSE(selects(R"({"all":[{"field":"folder","folder":null,"subfolders":false}]})"));
    CHECK_FALSE(selects(R"({"all":[{"field":"folder","folder":7}]})"));

    CHECK(selects(R"({"all":[{"field":"attribute","attribute":"room","equals":"lab"}]})"));
    CHECK(selects(R"({"all":[{"field":"attribute","attribute":"room","glob":"L*"}]})"));
    CHECK_FALSE(selects(R"({"all":[{"field":"attribute","attribute":"room","equals":"office"}]})"));
    // A device without a value never matches, not even a match-everything glob.
    CHECK_FALSE(selects(R"({"all":[{"field":"attribute","attribute":"floor","glob":"*"}]})"));

    server::db::Device atRoot;
    atRoot.name = QStringLiteral("x");
    const auto root = viewSubjectOf(atRoot, {}, {}, false);
    CHECK(viewMatches(parsed(R"({"all":[{"field":"folder","folder":null,"subfolders":false}]})"),
                      root));
    CHECK_FALSE(viewMatches(parsed(R"({"all":[{"field":"os","glob":"*x*"}]})"), root));
}

TEST_CASE("a bad view filter is refused naming the member at fault", "[unit][views]")
{
    CHECK(refused(R"({})").message.contains(QStringLiteral("body.filter.all")));
    CHECK(refused(R"({"all":[],"any":[]})").message.contains(QStringLiteral("body.filter.any")));
    CHECK(refused(R"({"all":{}})").code == ErrorCode::WrongFieldType);
    CHECK(refused(R"({"all":[3]})").message.contains(QStringLiteral("body.filter.all[0]")));
    const auto field = refused(R"({"all":[{"field":"name","glob":"a"},{"field":"colour"}]})");
    CHECK(field.message.contains(QStringLiteral("body.filter.all[1].field")));
    CHECK(field.message.contains(QStringLiteral("attribute")));
    CHECK(refused(R"({"all":[{"field":"name"}]})")
              .message.contains(QStringLiteral("exactly one of equals, glob and regex")));
    CHECK(refused(R"({"all":[{"field":"name","glob":"a","regex":"a"}]})")
              .message.contains(QStringLiteral("exactly one")));
    const auto regex = refused(R"({"all":[{"field":"name","regex":"(unclosed"}]})");
    CHECK(regex.code == ErrorCode::InvalidValue);
    CHECK(regex.message.contains(QStringLiteral("body.filter.all[0].regex")));
    CHECK(refused(R"({"all":[{"field":"name","globb":"a"}]})")
              .message.contains(QStringLiteral("body.filter.all[0].globb")));
    CHECK(refused(R"({"all":[{"field":"folder","folder":0}]})")
              .message.contains(QStringLiteral("body.filter.all[0].folder")));
    CHECK(refused(R"({"all":[{"field":"folder","folder":"Berlin"}]})").code
          == ErrorCode::WrongFieldType);
    CHECK(refused(R"({"all":[{"field":"online","equals":"yes"}]})").code
          == ErrorCode::WrongFieldType);
    CHECK(refused(R"({"all":[{"field":"attribute","glob":"a"}]})")
              .message.contains(QStringLiteral("body.filter.all[0].attribute")));
    const QString longPattern(MaxViewPatternLength + 1, QLatin1Char('a'));
    auto tooLong = parseViewFilter(
        QJsonObject{{QStringLiteral("all"),
                     QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("name")},
                                            {QStringLiteral("glob"), longPattern}}}}});
    CHECK_FALSE(tooLong.ok());
    QJsonArray many;
    for (int i = 0; i <= MaxViewConditions; ++i) {
        many.append(QJsonObject{{QStringLiteral("field"), QStringLiteral("online")},
                                {QStringLiteral("equals"), true}});
    }
    CHECK_FALSE(parseViewFilter(QJsonObject{{QStringLiteral("all"), many}}).ok());
}

TEST_CASE("a view filter's canonical JSON reads back to the same filter", "[unit][views]")
{
    const auto filter = parsed(
        R"({"all":[{"field":"folder","folder":3},{"field":"attribute","attribute":"room",)"
        R"("regex":"l.b"},{"field":"online","equals":false},{"field":"os","glob":"Deb*"}]})");
    const QJsonObject canonical = viewFilterJson(filter);
    // Defaults are written out, so what is stored says exactly what it selects.
    CHECK(canonical[QStringLiteral("all")][0][QStringLiteral("subfolders")] == true);
    const auto again = parseViewFilter(canonical);
    REQUIRE(again.ok());
    CHECK(viewFilterJson(*again) == canonical);
    CHECK(filter.attributeNames() == QStringList{QStringLiteral("room")});
    CHECK(filter.folders() == std::vector<qint64>{3});
    CHECK(filter.needsInventory());
    CHECK_FALSE(parsed(R"({"all":[{"field":"name","glob":"a"}]})").needsInventory());
}
