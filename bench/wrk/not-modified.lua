-- The lookup with a matching If-None-Match: a polling storefront's usual request (304). `*` matches
-- every existing order and costs the API the same comparison as the order's own tag would (the
-- seeded orders' ids are random, so wrk cannot know their tags); the store reads the version alone.
if_none_match = "*"
dofile(os.getenv("BENCH_WRK_DIR") .. "/lookup.lua")
