"""The pipeline behind `./dev` (tasks.py): build.py runs Pelican strictly and
says its problems in plain words; gates.py runs the quality checks and
knows the tools they need; publish.py sends a checked site to gh-pages;
summary.py tells the coach, on GitHub, what a publish did; anything_new.py
tells the workflow whether a run has anything to publish; new_post.py
starts a draft; placeholders.py finds what must be filled in before
publishing, and address.py knows a placeholder address from a real one."""
