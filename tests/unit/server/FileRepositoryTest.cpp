// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/FileRepository.h"
#include "server/db/Database.h"
#include "server/db/ProfileRepository.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server::db;
using steward::test::MigratedDatabase;

TEST_CASE("the file store keeps every byte, replaces by name and counts the profiles using a file",
          "[integration][db][files]")
{
    MigratedDatabase fixture(test::anyDatabaseKind());
    FileRepository files(fixture.db);
    QByteArray content;
    for (int i = 0; i < 512; ++i) {
        content.append(char(i % 256)); // every byte value, NUL included
    }
    StoredFile file;
    file.name = QStringLiteral("office.png");
    file.sha256 = QString(64, QLatin1Char('a'));
    file.size = content.size();
    file.createdAt = 100;
    file.createdBy = QStringLiteral("alice");
    REQUIRE(files.put(file, content).ok());
    auto read = files.content(file.name);
    REQUIRE(read.ok());
    REQUIRE(read->has_value());
    CHECK(**read == content);
    auto found = files.find(file.name);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->size == 512);
    CHECK((*found)->createdBy == QStringLiteral("alice"));

    file.sha256 = QString(64, QLatin1Char('b'));
    file.size = 3;
    REQUIRE(files.put(file, "new").ok());
    auto listed = files.list();
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 1);
    CHECK(listed->front().sha256 == file.sha256);
    CHECK(**files.content(file.name) == "new");

    ProfileRepository profiles(fixture.db);
    for (const auto& [name, wallpaper] :
         {std::pair{QStringLiteral("A"), QStringLiteral("office.png")},
          std::pair{QStringLiteral("B"), QStringLiteral("office.png")},
          std::pair{QStringLiteral("C"), QStringLiteral("office.png.bak")}}) {
        Profile profile;
        profile.name = name;
        auto id = profiles.insert(profile);
        REQUIRE(id.ok());
        REQUIRE(profiles.setValues(*id, {{QStringLiteral("desktop.wallpaper"), wallpaper}}).ok());
    }
    CHECK(*files.profilesUsing(file.name) == 2);
    CHECK(*files.profilesUsing(QStringLiteral("other.png")) == 0);

    REQUIRE(files.remove(file.name).ok());
    CHECK_FALSE(files.content(file.name)->has_value());
    CHECK(files.remove(file.name).error().code == ErrorCode::NotFound);
}
