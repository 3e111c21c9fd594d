"""Public newsletter URLs, mounted by the host project at ``newsletter/``.

The names are an interface: the campaign engine builds the links in every mail with
``reverse("newsletter:unsubscribe", kwargs={"token": ...})`` and ``newsletter:preferences``.
"""

from django.urls import path

from campaigns.subscriptions import views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("danke/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm_page, name="confirm"),
    path("preferences/<str:token>/", views.preferences_page, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe_page, name="unsubscribe"),
]
