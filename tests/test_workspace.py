"""Each user's conversations, draft versions and reviews survive a restart and stay their own."""

import pytest

from assistant.workspace import Workspace

DRAFT = {"title": "某县2023年度项目支出绩效自评报告", "sections": [{"title": "一、项目概况", "text": "预算执行率为97.20%。"}]}


@pytest.fixture
def workspace(tmp_path):
    return Workspace(tmp_path / "workspace.sqlite3")


def test_a_conversation_is_reopened_after_a_restart(tmp_path, workspace):
    state = {"messages": [{"role": "user", "content": "项目预算50万元"}], "figures": {"budget": 50}}
    conversation = workspace.save_conversation("alice", None, "政务服务中心 2023", state)
    reopened = Workspace(tmp_path / "workspace.sqlite3")
    assert [c.title for c in reopened.conversations("alice")] == ["政务服务中心 2023"]
    assert reopened.load_conversation("alice", conversation) == state


def test_saving_again_updates_the_same_conversation_and_lists_it_first(workspace):
    first = workspace.save_conversation("alice", None, "第一次", {"step": 1})
    second = workspace.save_conversation("alice", None, "第二次", {"step": 1})
    assert workspace.save_conversation("alice", first, "第一次（续）", {"step": 2}) == first
    assert [c.id for c in workspace.conversations("alice")] == [first, second]
    assert workspace.load_conversation("alice", first) == {"step": 2}


def test_every_earlier_draft_stays_after_a_redraft(workspace):
    conversation = workspace.save_conversation("alice", None, "项目", {})
    assert workspace.save_draft("alice", conversation, DRAFT) == 1
    redrafted = {**DRAFT, "sections": [{"title": "一、项目概况", "text": "预算执行率为97.2%。"}]}
    assert workspace.save_draft("alice", conversation, redrafted) == 2
    assert [v.version for v in workspace.draft_versions("alice", conversation)] == [2, 1]
    assert workspace.load_draft("alice", conversation, 1) == DRAFT
    assert workspace.load_draft("alice", conversation) == redrafted
    assert workspace.conversations("alice")[0].drafts == 2


def test_one_user_never_sees_or_overwrites_another_users_work(workspace):
    conversation = workspace.save_conversation("alice", None, "alice 的报告", {"secret": 1})
    workspace.save_draft("alice", conversation, DRAFT)
    review = workspace.save_review("alice", "批量审核", [{"source": "a.txt", "findings": []}])
    assert workspace.conversations("bob") == [] and workspace.reviews("bob") == []
    assert workspace.load_conversation("bob", conversation) is None
    assert workspace.load_draft("bob", conversation) is None
    assert workspace.load_review("bob", review) is None
    taken = workspace.save_conversation("bob", conversation, "bob 的", {"secret": 2})
    assert taken != conversation and workspace.load_conversation("alice", conversation) == {"secret": 1}


def test_a_review_is_listed_with_its_counts_and_reopened(workspace):
    results = [{"source": "a.txt", "claims": 12, "findings": [{"severity": "error"}, {"severity": "note"}]},
               {"source": "b.pdf", "error": "无法读取", "findings": []},
               {"source": "c.docx", "claims": 3, "findings": [{"severity": "warning"}, {"severity": "error"}]}]
    review = workspace.save_review("alice", "2023 年各部门决算", results)
    (listed,) = workspace.reviews("alice")
    assert (listed.name, listed.reports, listed.errors, listed.warnings, listed.notes) == ("2023 年各部门决算", 3, 2, 1, 1)
    assert workspace.load_review("alice", review) == results


def test_deleting_a_conversation_removes_its_drafts(workspace):
    conversation = workspace.save_conversation("alice", None, "项目", {})
    workspace.save_draft("alice", conversation, DRAFT)
    workspace.delete_conversation("alice", conversation)
    assert workspace.conversations("alice") == [] and workspace.draft_versions("alice", conversation) == []


def test_a_state_that_is_not_plain_data_is_refused_by_name(workspace):
    with pytest.raises(TypeError, match="set"):
        workspace.save_conversation("alice", None, "项目", {"figures": {1, 2}})
    assert workspace.conversations("alice") == []


def test_a_secret_is_made_once_and_kept_across_restarts(tmp_path, workspace):
    first = workspace.secret("browser")
    assert len(first) >= 16 and Workspace(tmp_path / "workspace.sqlite3").secret("browser") == first
    assert workspace.secret("other") != first
