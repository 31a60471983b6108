# Builds cmpulse's Meta export fixtures from the documented layouts.
# Text is written as Meta writes it: UTF-8 bytes as \u00XX escapes.
import json, os, sys
root = sys.argv[1]
def mj(o):
    if isinstance(o, str):
        return o.encode('utf-8').decode('latin-1')
    if isinstance(o, list):
        return [mj(x) for x in o]
    if isinstance(o, dict):
        return {mj(k): mj(v) for k, v in o.items()}
    return o
def w(rel, obj):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'w') as f:
        f.write(json.dumps(mj(obj), ensure_ascii=True, indent=2) + "\n")

ig = "instagram-cmpulse_demo-2025-07-31-Ab12Cd"
w(ig + "/personal_information/personal_information/personal_information.json", {"profile_user": [{
    "title": "User Information",
    "media_map_data": {"Profile Photo": {"uri": "media/other/profile.jpg", "creation_timestamp": 1700000000, "title": ""}},
    "string_map_data": {
        "Email": {"href": "", "value": "demo@example.org", "timestamp": 0},
        "Username": {"href": "", "value": "cmpulse_demo", "timestamp": 0},
        "Name": {"href": "", "value": "CmPulse Démo", "timestamp": 0},
        "Bio": {"href": "", "value": "Le café du quartier ☕", "timestamp": 0}}}]})
w(ig + "/your_instagram_activity/media/posts_1.json", [
    {"media": [{"uri": "media/posts/202506/17900000000000001.jpg", "creation_timestamp": 1749900000,
                "media_metadata": {"camera_metadata": {"has_camera_metadata": False}},
                "title": "Nouveau menu d'été 🍓 au café ! https://www.example.org/menu #menu #été", "cross_post_source": {"source_app": "FB"}}]},
    {"media": [{"uri": "media/posts/202506/17900000000000002.jpg", "creation_timestamp": 1750000001, "title": ""},
               {"uri": "media/posts/202506/17900000000000003.jpg", "creation_timestamp": 1750000002, "title": ""}],
     "title": "Merci @jane_doe pour les photos 📸", "creation_timestamp": 1750000000},
    {"media": [{"uri": "media/posts/202507/17900000000000004.mp4", "creation_timestamp": 1751000000, "title": "東京 pop-up 🎌",
                "media_metadata": {"video_metadata": {"exif_data": [{"latitude": 35.68, "longitude": 139.76}]}}}]},
    {"media": [{"uri": "media/posts/202507/17900000000000005.jpg", "title": "no time recorded"}]},
])
w(ig + "/your_instagram_activity/media/stories.json", {"ig_stories": [
    {"uri": "media/stories/202506/s1.jpg", "creation_timestamp": 1749900100, "title": ""}]})
w(ig + "/your_instagram_activity/comments/post_comments_1.json", [
    {"media_owner": "jane_doe", "string_map_data": {
        "Comment": {"href": "", "value": "Merci beaucoup ! 😍", "timestamp": 0},
        "Media Owner": {"href": "", "value": "jane_doe", "timestamp": 0},
        "Time": {"href": "", "value": "", "timestamp": 1750000500}}},
    {"string_map_data": {
        "Comment": {"href": "", "value": "Pouvez-vous passer au café demain ?", "timestamp": 0},
        "Media Owner": {"href": "", "value": "bob.smith", "timestamp": 0},
        "Time": {"href": "", "value": "", "timestamp": 1750100000}}},
    {"string_map_data": {
        "Comment": {"href": "", "value": "🎉🎉", "timestamp": 0},
        "Media Owner": {"href": "", "value": "zoe.b", "timestamp": 0},
        "Time": {"href": "", "value": "", "timestamp": 1751000500}}},
])
w(ig + "/connections/followers_and_following/followers_1.json", [
    {"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/jane_doe", "value": "jane_doe", "timestamp": 1749860021}]},
    {"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/bob.smith", "value": "bob.smith", "timestamp": 1749960021}]},
    {"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/zoe.b", "value": "zoe.b", "timestamp": 1750960021}]},
])
w(ig + "/connections/followers_and_following/following_1.json", {"relationships_following": [
    {"title": "jane_doe", "string_list_data": [{"href": "https://www.instagram.com/_u/jane_doe", "timestamp": 1749860100}]}]})
w(ig + "/your_instagram_activity/likes/liked_posts.json", {"likes_media_likes": [
    {"title": "jane_doe", "string_list_data": [{"href": "https://www.instagram.com/p/AbCdEf/", "value": "👍", "timestamp": 1749870000}]}]})

fb = "facebook-cmpulsedemo-2025-07-31-Xy34Zw"
w(fb + "/personal_information/profile_information/profile_information.json", {"profile_v2": {
    "name": {"full_name": "CmPulse Démo", "first_name": "CmPulse", "middle_name": "", "last_name": "Démo"},
    "emails": {"emails": ["demo@example.org"], "previous_emails": [], "pending_emails": [], "ad_account_emails": []},
    "registration_timestamp": 1500000000}})
w(fb + "/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", [
    {"timestamp": 1749900000, "data": [{"post": "Nouveau menu d'été au café 🍓 #menu"}], "title": "CmPulse Démo updated their status."},
    {"timestamp": 1750000000, "attachments": [{"data": [{"external_context": {"url": "https://www.example.org/blog/ouverture"}}]}],
     "data": [{"post": "Ouverture dimanche ! Tous les détails sur le blog."}, {"update_timestamp": 1750003600}], "title": "CmPulse Démo shared a link."},
    {"timestamp": 1751000000, "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/Photos_abc/1790000000001.jpg",
        "creation_timestamp": 1751000000, "title": "Timeline photos", "description": "La terrasse est ouverte ☀️"}}]}],
     "data": [], "title": "CmPulse Démo added a new photo."},
    {"timestamp": 1751100000, "attachments": [{"data": [{"event": {"name": "Soirée jazz", "start_timestamp": 1751400000, "end_timestamp": 1751410000}}]}],
     "data": [{"update_timestamp": 1751100000}]},
    {"data": [{"post": "a post without its time"}]},
])
w(fb + "/your_facebook_activity/comments_and_reactions/comments.json", {"comments_v2": [
    {"timestamp": 1750001000, "data": [{"comment": {"timestamp": 1750001000, "comment": "Merci à tous pour vos messages ❤️", "author": "CmPulse Démo"}}],
     "title": "CmPulse Démo replied to Zoé Martin's comment."},
    {"timestamp": 1750101000, "data": [{"comment": {"timestamp": 1750101000, "comment": "Oui, nous sommes ouverts le lundi.", "author": "CmPulse Démo"}}],
     "title": "CmPulse Démo commented on Jean Dupont's post."},
    {"timestamp": 1751001000, "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/stickers_used/369239263222822.png"}}]}],
     "data": [{"comment": {"timestamp": 1751001000, "comment": "", "author": "CmPulse Démo"}}],
     "title": "CmPulse Démo replied to Jean Dupont's comment."},
]})
w(fb + "/your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json", [
    {"timestamp": 1750002000, "data": [{"reaction": {"reaction": "LIKE", "actor": "CmPulse Démo"}}], "title": "CmPulse Démo likes Zoé Martin's comment."}])
